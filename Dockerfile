# syntax=docker/dockerfile:1
# podchaosmonkey: built with the official Swift image, run as a stripped, statically linked (Swift runtime) binary
# on a slim Ubuntu with only the C libraries it links, as a non-root numeric user.
#
#   docker build -t podchaosmonkey \
#     --build-arg VERSION=$(scripts/version) --build-arg REVISION=$(git rev-parse --short=12 HEAD) \
#     --build-arg BUILD_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ) .
#
# `.ci/run --release` checks the same release build without Docker (`swift build -c release --static-swift-stdlib`);
# plain `.ci/run` checks the static link and the stamp on its debug build.

# Checks checkov (.ci/run) skips, with why:
# checkov:skip=CKV_DOCKER_7:both FROMs name an ARG whose default is a pinned tag (swift:6.3-noble, ubuntu:24.04)
# checkov:skip=CKV_DOCKER_2:Kubernetes ignores HEALTHCHECK; the daemon overlay probes /healthz and /readyz, kill runs once
ARG SWIFT_IMAGE=swift:6.3-noble
ARG RUNTIME_IMAGE=ubuntu:24.04

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
# Dependencies first: this layer is reused until Package.swift (or a committed Package.resolved) changes.
COPY Package.swift Package.resol[v]ed ./
RUN swift package resolve
COPY . .
ARG REVISION=unknown
ARG BUILD_DATE=unknown
# The version's one home is BuildInfo.version (scripts/version prints it); a VERSION given for the label must match it.
ARG VERSION
RUN { [ -z "$VERSION" ] || scripts/version --check "$VERSION"; } \
    && scripts/stamp-build-info "$REVISION" "$BUILD_DATE" \
    && swift build -c release --static-swift-stdlib --product podchaosmonkey \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/podchaosmonkey" /out/podchaosmonkey \
    && strip /out/podchaosmonkey \
    && /out/podchaosmonkey version

FROM ${RUNTIME_IMAGE}
ARG VERSION
ARG REVISION=unknown
ARG BUILD_DATE=unknown
# Pass the repository URL: --build-arg SOURCE=$(git remote get-url origin)
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="podchaosmonkey" \
      org.opencontainers.image.description="Kills Kubernetes pods at random, within strict safety rules, and measures recovery" \
      org.opencontainers.image.version="${VERSION:-unknown}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.source="${SOURCE}"
# The Swift runtime is linked in; what remains is glibc (in the base), the C++ runtime BoringSSL needs, and zlib.
# No CA bundle: in a cluster the tool trusts exactly the service account's CA.
# DL3008 (versions not pinned) is skipped: the runtime takes the security updates of its Ubuntu release; pinned
# versions stop building as soon as Ubuntu supersedes them. dependabot moves the base image itself.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libstdc++6 libgcc-s1 zlib1g \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/* /var/log/apt /var/log/dpkg.log
COPY --from=build /out/podchaosmonkey /usr/local/bin/podchaosmonkey
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/podchaosmonkey"]
CMD ["--help"]
