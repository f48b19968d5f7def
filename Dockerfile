# A minimal image with the specc binary:
#   docker build -t specc .
#   docker run --rm -v "$PWD:/src" specc check .
FROM rust:1.95-slim AS build
WORKDIR /specc
COPY . .
RUN cargo build --release --locked -p specc && strip target/release/specc

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /specc/target/release/specc /usr/local/bin/specc
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/specc"]
CMD ["check", "."]
