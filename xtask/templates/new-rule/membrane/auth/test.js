exports.test = async function ({ apiClient }) {
  await apiClient.get('/me')
}
