# syntax=docker/dockerfile:1
# mentionwatch: build with cgo (SQLite), run as an unprivileged user.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/mentionwatch ./cmd/mentionwatch

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/mentionwatch --create-home mentionwatch
COPY --from=build /out/mentionwatch /usr/local/bin/mentionwatch
COPY rules.yaml /etc/mentionwatch/rules.yaml
USER mentionwatch
WORKDIR /var/lib/mentionwatch
VOLUME ["/var/lib/mentionwatch"]
EXPOSE 8080
# The shipped rules.yaml listens on 127.0.0.1; in a container, set
# server.listen: 0.0.0.0:8080 in your own rules.yaml to reach /metrics.
# Either way the health check asks /healthz inside the container, at the
# server.listen of the same config (mount yours over this path, or pass
# --health-cmd with your -c when you keep it elsewhere).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["mentionwatch", "health", "-c", "/etc/mentionwatch/rules.yaml"]
ENTRYPOINT ["mentionwatch"]
CMD ["run", "-c", "/etc/mentionwatch/rules.yaml"]
