# syntax=docker/dockerfile:1
#
# The `phigate` executable in a small, non-root, read-only friendly image.
#
#   docker build -t phigate:dev .
#   docker run --rm --read-only phigate:dev --help
#
# Stage 1 builds on the SDK image for the machine that builds; stage 2 runs on ASP.NET Core's
# Ubuntu "chiseled" image: no shell, no package manager, a non-root user, nothing but the runtime.

ARG DOTNET_VERSION=10.0

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble AS build
ARG TARGETARCH
ARG CONFIGURATION=Release
ENV NUGET_PACKAGES=/nuget/packages
WORKDIR /source

# Build settings first (strict defaults, central package versions, banned APIs), then the sources.
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY protos/ protos/
COPY src/ src/

# The NuGet cache is a build cache mount, so it never lands in a layer.
RUN --mount=type=cache,id=nuget,target=/nuget/packages \
    dotnet restore src/PhiGate/PhiGate.csproj -a "$TARGETARCH"
RUN --mount=type=cache,id=nuget,target=/nuget/packages \
    dotnet publish src/PhiGate/PhiGate.csproj -c "$CONFIGURATION" -a "$TARGETARCH" --no-restore \
      --self-contained false -o /app
# The only places phigate writes, owned by the runtime user; in Kubernetes they are mounts.
RUN mkdir -p /empty

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled AS runtime
LABEL org.opencontainers.image.title="phigate" \
      org.opencontainers.image.description="Policy sidecar for Envoy: ext_authz, ext_proc PHI redaction, tamper-evident audit"
WORKDIR /app
COPY --from=build /app ./
# Empty directories owned by the chiseled image's "app" user (uid 1654, $APP_UID); only new
# directories take the owner, existing parents such as /var/log stay root's.
COPY --from=build --chown=1654:1654 /empty /run/phigate
COPY --from=build --chown=1654:1654 /empty /var/log/phigate/audit

# No diagnostics IPC socket (it would write to /tmp and lets a local process dump PHI from memory);
# no default Kestrel port: phigate binds only what --grpc and --admin name.
ENV DOTNET_EnableDiagnostics=0 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1

# The chiseled image's non-root "app" user (uid 1654); Kubernetes may run it as any other non-root id.
USER $APP_UID

# gRPC (when not on a Unix socket) and admin (/metrics, /healthz, /readyz).
EXPOSE 9191 9901
# With `docker run --read-only`, mount the two writable places, e.g.
#   --tmpfs /run/phigate:uid=1654 -v phigate-audit:/var/log/phigate/audit
# Nothing else is written.

ENTRYPOINT ["/app/phigate"]
CMD ["serve"]
