//! JSON Schemas for the files specc reads, for editors (`# yaml-language-server: $schema=…`) and for
//! `specc schema NAME`. They describe the OAuth-relevant parts precisely and let everything else
//! through: a component.json also holds triggers and actions, an OpenAPI document its paths. The
//! files in `schemas/` are generated from here by `cargo xtask codegen`.

use serde_json::{json, Value};

/// Schema names, with what each describes.
pub const SCHEMAS: &[(&str, &str)] = &[
    ("elasticio-component", "elastic.io component.json (credentials, envVars, useOAuthClient)"),
    ("elasticio-tenant-client", "elastic.io tenant OAuth client request body (JSON:API)"),
    ("membrane-spec", "Membrane / Integration.app connector spec.yml `auth` section"),
    ("membrane-oauth-config", "Membrane auth/get-oauth-config.map.yml"),
    ("openapi-security", "OpenAPI 2.0/3.x security schemes and requirements"),
    ("itential-instance", "Itential integration instance settings"),
    ("keboola-manage", "Keboola OAuth Manager registration body (v2)"),
    ("keboola-config", "Keboola component configuration with authorization.oauth_api"),
    ("specc-config", "specc.toml, the specc configuration file"),
    ("provider", "a provider catalog entry: providers/<id>.toml, or a [[providers]] table of specc.toml"),
];

fn base(name: &str, title: &str, body: Value) -> Value {
    let mut v = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("https://specc.dev/schemas/{name}.schema.json"),
        "title": title,
    });
    if let (Some(obj), Some(b)) = (v.as_object_mut(), body.as_object()) {
        for (k, val) in b {
            obj.insert(k.clone(), val.clone());
        }
    }
    v
}

fn string_or_var() -> Value {
    json!({
        "description": "A literal, or `{ \"$var\": \"connectorParameters.NAME\" }`",
        "anyOf": [
            { "type": "string" },
            { "type": "object", "required": ["$var"], "properties": { "$var": { "type": "string" } } }
        ]
    })
}

fn method() -> Value {
    json!({
        "type": "object",
        "properties": {
            "implementationType": { "enum": ["mapping", "javascript", "rest-api-mapping", "operation-mapping", "graphql-api-mapping"] },
            "type": { "enum": ["mapping", "javascript", "rest-api-mapping", "operation-mapping", "graphql-api-mapping"] },
            "mapping": {},
            "filePath": { "type": "string" }
        }
    })
}

/// The schema called `name`.
pub fn schema(name: &str) -> Option<Value> {
    let title = SCHEMAS.iter().find(|(n, _)| *n == name)?.1;
    if name == "provider" {
        return serde_json::from_str(specc_providers::SCHEMA).ok();
    }
    let body = match name {
        "elasticio-component" => json!({
            "type": "object",
            "properties": {
                "title": { "type": "string" },
                "useOAuthClient": { "type": "boolean", "description": "OAuth client credentials come from the tenant's OAuth client" },
                "authClientTypes": { "type": "array", "items": { "enum": ["oauth2", "basic", "api_key", "noauth", "oauth2_instagram"] } },
                "envVars": {
                    "type": "object",
                    "propertyNames": { "pattern": "^[A-Za-z][A-Za-z0-9_]+$" },
                    "additionalProperties": {
                        "type": "object",
                        "properties": { "required": { "type": "boolean" }, "description": { "type": "string" } }
                    }
                },
                "env": {
                    "description": "Legacy form of envVars",
                    "anyOf": [{ "type": "array", "items": { "type": "string" } }, { "type": "object" }]
                },
                "credentials": {
                    "type": "object",
                    "properties": {
                        "fields": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "object",
                                "required": ["viewClass"],
                                "properties": {
                                    "label": { "type": "string" },
                                    "viewClass": { "type": "string" },
                                    "required": { "type": "boolean" }
                                }
                            }
                        },
                        "oauth2": {
                            "type": "object",
                            "properties": {
                                "client_id": { "type": "string" },
                                "client_secret": { "type": "string", "description": "A `{{VAR}}` link to an envVar, never a literal secret" },
                                "auth_uri": { "type": "string" },
                                "token_uri": { "type": "string" },
                                "scopes": { "type": "array", "items": { "type": "string" } },
                                "access_type": { "type": "string" },
                                "prompt": { "type": "string" }
                            }
                        },
                        "oauth1": {
                            "type": "object",
                            "properties": {
                                "consumer_key": { "type": "string" },
                                "consumer_secret": { "type": "string" },
                                "request_token_uri": { "type": "string" },
                                "auth_uri": { "type": "string" },
                                "access_token_uri": { "type": "string" }
                            }
                        }
                    }
                }
            }
        }),
        "elasticio-tenant-client" => json!({
            "type": "object",
            "required": ["data"],
            "properties": {
                "data": {
                    "type": "object",
                    "required": ["type", "attributes"],
                    "properties": {
                        "type": { "enum": ["oauth-client", "flow"], "description": "`oauth-client` (the API's example); the platform documentation's table also says `flow`" },
                        "id": { "type": "string" },
                        "attributes": {
                            "type": "object",
                            "properties": {
                                "name": { "type": "string" },
                                "client_id": { "type": "string" },
                                "client_secret": { "type": "string" }
                            }
                        },
                        "relationships": {
                            "type": "object",
                            "properties": {
                                "component": {
                                    "type": "object",
                                    "properties": {
                                        "data": {
                                            "type": "object",
                                            "required": ["id", "type"],
                                            "properties": { "id": { "type": "string" }, "type": { "const": "component" } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }),
        "membrane-spec" => json!({
            "type": "object",
            "properties": {
                "auth": {
                    "type": "object",
                    "properties": {
                        "type": { "enum": ["oauth2", "oauth1", "client-credentials", "integration-app-token", "membrane-token", "proxy"] },
                        "getOAuthConfig": method(),
                        "makeApiClient": method(),
                        "test": method(),
                        "getTokenData": method(),
                        "getCredentialsFromAccessTokenResponse": method(),
                        "getCredentialsFromRefreshTokenResponse": method(),
                        "refreshCredentials": method()
                    }
                }
            }
        }),
        "membrane-oauth-config" => json!({
            "type": "object",
            "properties": {
                "clientId": string_or_var(),
                "clientSecret": string_or_var(),
                "authorizeUri": string_or_var(),
                "tokenUri": string_or_var(),
                "scopes": { "type": "array", "items": { "type": "string" } },
                "clientAuthLocation": { "enum": ["headers", "body"] },
                "noRefreshToken": { "type": "boolean" },
                "skipPkce": { "type": "boolean" },
                "extra": { "type": "object", "additionalProperties": { "type": "string" } }
            }
        }),
        "openapi-security" => json!({
            "type": "object",
            "properties": {
                "security": { "$ref": "#/$defs/requirements" },
                "securityDefinitions": { "type": "object", "additionalProperties": { "$ref": "#/$defs/scheme2" } },
                "components": {
                    "type": "object",
                    "properties": {
                        "securitySchemes": { "type": "object", "additionalProperties": { "$ref": "#/$defs/scheme3" } }
                    }
                }
            },
            "$defs": {
                "requirements": { "type": "array", "items": { "type": "object", "additionalProperties": { "type": "array", "items": { "type": "string" } } } },
                "scopes": { "type": "object", "additionalProperties": { "type": "string" } },
                "flow": {
                    "type": "object",
                    "properties": {
                        "authorizationUrl": { "type": "string" },
                        "tokenUrl": { "type": "string" },
                        "refreshUrl": { "type": "string" },
                        "deviceAuthorizationUrl": { "type": "string" },
                        "scopes": { "$ref": "#/$defs/scopes" }
                    }
                },
                "scheme3": {
                    "type": "object",
                    "required": ["type"],
                    "properties": {
                        "type": { "enum": ["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"] },
                        "flows": {
                            "type": "object",
                            "properties": {
                                "implicit": { "$ref": "#/$defs/flow" },
                                "password": { "$ref": "#/$defs/flow" },
                                "clientCredentials": { "$ref": "#/$defs/flow" },
                                "authorizationCode": { "$ref": "#/$defs/flow" },
                                "deviceAuthorization": { "$ref": "#/$defs/flow" }
                            }
                        },
                        "openIdConnectUrl": { "type": "string" },
                        "oauth2MetadataUrl": { "type": "string" }
                    }
                },
                "scheme2": {
                    "type": "object",
                    "required": ["type"],
                    "properties": {
                        "type": { "enum": ["basic", "apiKey", "oauth2"] },
                        "flow": { "enum": ["implicit", "password", "application", "accessCode"] },
                        "authorizationUrl": { "type": "string" },
                        "tokenUrl": { "type": "string" },
                        "scopes": { "$ref": "#/$defs/scopes" }
                    }
                }
            }
        }),
        "itential-instance" => json!({
            "type": "object",
            "properties": {
                "model": { "type": "string", "description": "Path of the integration's OpenAPI model, relative to this file" },
                "client_id": { "type": "string" },
                "client_secret": { "type": "string" },
                "scope": { "type": "string", "description": "Space-separated subset of the model's declared scopes" },
                "redirect_uri": { "type": "string", "pattern": "/admin/oauth/$", "description": "`{{iap}}/admin/oauth/`, trailing slash included" },
                "token_url": { "type": "string" },
                "scheme": { "type": "string" },
                "flow": { "type": "string" }
            }
        }),
        "keboola-manage" => json!({
            "type": "object",
            "required": ["component_id", "friendly_name", "app_key", "app_secret", "oauth_version"],
            "properties": {
                "component_id": { "type": "string" },
                "friendly_name": { "type": "string" },
                "app_key": { "type": "string" },
                "app_secret": { "type": "string" },
                "auth_url": { "type": "string", "description": "Template with %%app_key%%, %%redirect_uri%%, %%hash%%, %%subdomain%%" },
                "token_url": { "type": "string" },
                "request_token_url": { "type": "string" },
                "oauth_version": { "enum": ["1.0", "2.0", "facebook"] },
                "permissions": { "type": "string" },
                "graph_api_version": { "type": "string" }
            }
        }),
        "keboola-config" => json!({
            "type": "object",
            "properties": {
                "authorization": {
                    "type": "object",
                    "properties": {
                        "oauth_api": {
                            "type": "object",
                            "properties": {
                                "id": { "type": ["string", "integer"] },
                                "version": { "const": 3 },
                                "credentials": {
                                    "type": "object",
                                    "properties": {
                                        "#data": { "type": "string", "description": "The token response, as a JSON string" },
                                        "#appSecret": { "type": "string" },
                                        "appKey": { "type": "string" },
                                        "oauthVersion": { "type": "string" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }),
        "specc-config" => json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "select": { "type": "array", "items": { "type": "string" } },
                "ignore": { "type": "array", "items": { "type": "string" } },
                "fail-on": { "enum": ["error", "warning", "info", "never"] },
                "severity": { "type": "object", "additionalProperties": { "enum": ["error", "warning", "info"] } },
                "per-path-ignores": { "type": "object", "additionalProperties": { "type": "array", "items": { "type": "string" } } },
                "dialects": { "type": "object", "additionalProperties": { "enum": ["elasticio", "membrane", "openapi", "itential", "keboola"] } },
                "extend": { "type": "string", "description": "a shared specc.toml this one builds on (relative, inside the repository)" },
                "baseline": { "type": "string", "description": "baseline file (relative, inside this directory) written by `specc check --write-baseline`" },
                "suppress": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["file", "pointer", "codes"],
                        "additionalProperties": false,
                        "properties": {
                            "file": { "type": "string" },
                            "pointer": { "type": "string" },
                            "codes": { "type": "array", "items": { "type": "string" } },
                            "reason": { "type": "string" }
                        }
                    }
                },
                "providers": {
                    "description": "Providers added to the built-in catalog or replacing an entry of the same id; each has the fields of the `provider` schema",
                    "type": "array",
                    "items": { "type": "object", "required": ["id", "name", "recognize"] }
                }
            }
        }),
        _ => return None,
    };
    Some(base(name, title, body))
}
