# otassess: a static binary on a distroless base, running as a non-root user
# with its SQLite database on the /data volume.
#   docker build -t otassess .
#   docker run --rm -it -v otassess:/data otassess chat          # console trial
#   docker run -d -p 8080:8080 -v otassess:/data --env-file .env otassess   # serve
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The build context has no .git (see .dockerignore), so the version and the
# commit are stamped from build arguments.
ARG VERSION=dev
ARG COMMIT=
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" -o /out/otassess ./cmd/otassess \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/otassess /usr/local/bin/otassess
# The volume's mount point belongs to the nonroot user (uid 65532), so a new
# named volume is writable by it.
COPY --from=build --chown=65532:65532 /out/data /data
VOLUME /data
WORKDIR /data
ENV OTASSESS_DB=/data/otassess.db \
    OTASSESS_HTTP_ADDR=:8080
EXPOSE 8080
USER 65532:65532
# The image has no shell: otassess asks its own /readyz.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
  CMD ["/usr/local/bin/otassess", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/otassess"]
CMD ["serve"]
