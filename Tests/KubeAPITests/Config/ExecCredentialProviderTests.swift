import Foundation
import KubeAPI
import Testing

@Suite("Exec credential plugins")
struct ExecCredentialProviderTests {
    /// A plugin that logs each run to $RUNS and answers with a token numbered by run, the apiVersion it was asked for
    /// (from KUBERNETES_EXEC_INFO unless $ANSWER_VERSION overrides) and $EXPIRY when set.
    static let script = """
        #!/bin/sh
        echo run >> "$RUNS"
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$RUNS.info"
        n=$(wc -l < "$RUNS" | tr -d ' ')
        version=${ANSWER_VERSION:-$(sed -n 's/.*"apiVersion":"\\([^"]*\\)".*/\\1/p' "$RUNS.info")}
        expiry=""
        if [ -n "$EXPIRY" ]; then expiry=",\\"expirationTimestamp\\":\\"$EXPIRY\\""; fi
        echo "{\\"apiVersion\\":\\"$version\\",\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"token-$n\\"$expiry}}"
        """

    struct Plugin {
        let directory: TempDirectory
        let scriptPath: String
        var runsFile: String { directory.file("runs") }

        init(script: String = ExecCredentialProviderTests.script) throws {
            directory = try TempDirectory()
            scriptPath = try directory.write("plugin.sh", script, executable: true)
        }

        func config(apiVersion: String = ExecConfig.apiVersionV1, env: [String: String] = [:], provideClusterInfo: Bool = false)
            -> ExecConfig
        {
            var variables = [ExecConfig.EnvVar(name: "RUNS", value: runsFile)]
            variables += env.sorted { $0.key < $1.key }.map { ExecConfig.EnvVar(name: $0.key, value: $0.value) }
            return ExecConfig(
                command: scriptPath, env: variables, apiVersion: apiVersion, provideClusterInfo: provideClusterInfo,
                interactiveMode: .never)
        }

        func runs() -> Int {
            guard let text = try? String(contentsOfFile: runsFile, encoding: .utf8) else { return 0 }
            return text.split(separator: "\n").count
        }

        func execInfo() throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: runsFile + ".info"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
    }

    @Test(arguments: [ExecConfig.apiVersionV1, ExecConfig.apiVersionV1beta1])
    func returnsTheTokenAndCachesItWithoutExpiry(_ apiVersion: String) async throws {
        let plugin = try Plugin()
        defer { plugin.directory.remove() }
        let provider = ExecCredentialProvider(config: plugin.config(apiVersion: apiVersion), environment: pluginEnvironment)
        #expect(try await provider.credentials().bearerToken == "token-1")
        #expect(try await provider.credentials().bearerToken == "token-1")
        #expect(plugin.runs() == 1)
        let info = try plugin.execInfo()
        #expect(info["apiVersion"] as? String == apiVersion)
        #expect(info["kind"] as? String == "ExecCredential")
        let spec = try #require(info["spec"] as? [String: Any])
        #expect(spec["interactive"] as? Bool == false)
        #expect(spec["cluster"] == nil)
    }

    /// Seconds between the test clock and the credential's expiry on the second call, and the runs expected after it.
    @Test(arguments: [
        (-3600.0, 1, "2030-01-01T00:00:00Z"),
        (-3600.0, 1, "2030-01-01T00:00:00.123456Z"),
        (-5.0, 2, "2030-01-01T00:00:00Z"),
        (60.0, 2, "2030-01-01T00:00:00.5Z"),
    ])
    func reRunsWhenTheCredentialIsAboutToExpire(offset: TimeInterval, expectedRuns: Int, expiry: String) async throws {
        let plugin = try Plugin()
        defer { plugin.directory.remove() }
        let expiryDate = try #require(KubeJSON.parseTimestamp(expiry))
        let clock = TestClock(expiryDate.addingTimeInterval(-7200))
        let provider = ExecCredentialProvider(
            config: plugin.config(env: ["EXPIRY": expiry]), environment: pluginEnvironment, now: clock.closure)
        #expect(try await provider.credentials().bearerToken == "token-1")
        clock.set(expiryDate.addingTimeInterval(offset))
        #expect(try await provider.credentials().bearerToken == "token-\(expectedRuns)")
        #expect(plugin.runs() == expectedRuns)
    }

    @Test func invalidateForcesANewRun() async throws {
        let plugin = try Plugin()
        defer { plugin.directory.remove() }
        let provider = ExecCredentialProvider(config: plugin.config(), environment: pluginEnvironment)
        #expect(try await provider.credentials().bearerToken == "token-1")
        await provider.invalidate()
        #expect(try await provider.credentials().bearerToken == "token-2")
        #expect(try await provider.credentials().bearerToken == "token-2")
        #expect(plugin.runs() == 2)
    }

    @Test func concurrentCallersShareOneRun() async throws {
        let plugin = try Plugin(script: Self.script.replacingOccurrences(of: "#!/bin/sh\n", with: "#!/bin/sh\nsleep 0.2\n"))
        defer { plugin.directory.remove() }
        let provider = ExecCredentialProvider(config: plugin.config(), environment: pluginEnvironment)
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.credentials().bearerToken } }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(Set(tokens) == ["token-1"])
        #expect(plugin.runs() == 1)
    }

    /// Far more output than a pipe buffer holds on both streams: reading only one stream, or reading after exit, would hang.
    @Test func aChattyPluginDoesNotDeadlock() async throws {
        // Leading whitespace on stdout is still a valid ExecCredential JSON document.
        let noisy = "head -c 300000 /dev/zero | tr '\\0' e >&2\nhead -c 300000 /dev/zero | tr '\\0' ' '\n"
        let plugin = try Plugin(script: Self.script.replacingOccurrences(of: "#!/bin/sh\n", with: "#!/bin/sh\n" + noisy))
        defer { plugin.directory.remove() }
        let provider = ExecCredentialProvider(config: plugin.config(), environment: pluginEnvironment)
        #expect(try await provider.credentials().bearerToken == "token-1")
    }

    @Test func providesClusterInfoWhenAsked() async throws {
        let plugin = try Plugin()
        defer { plugin.directory.remove() }
        let cluster = ExecClusterInfo(
            server: "https://api.example:6443", tlsServerName: "api.internal", certificateAuthorityData: Array("CA".utf8),
            configJSON: Array(#"{"audience":"chaos"}"#.utf8))
        let provider = ExecCredentialProvider(
            config: plugin.config(provideClusterInfo: true), cluster: cluster, environment: pluginEnvironment)
        _ = try await provider.credentials()
        let spec = try #require(try plugin.execInfo()["spec"] as? [String: Any])
        let info = try #require(spec["cluster"] as? [String: Any])
        #expect(info["server"] as? String == "https://api.example:6443")
        #expect(info["tls-server-name"] as? String == "api.internal")
        #expect(info["certificate-authority-data"] as? String == Data("CA".utf8).base64EncodedString())
        #expect((info["config"] as? [String: Any])?["audience"] as? String == "chaos")
    }

    @Test func failureReportsExitCodeAndStderr() async throws {
        let plugin = try Plugin(script: "#!/bin/sh\necho 'token expired: run login' >&2\necho second line >&2\nexit 3\n")
        defer { plugin.directory.remove() }
        let provider = ExecCredentialProvider(config: plugin.config(), environment: pluginEnvironment)
        let error = try await #require(throws: ConfigError.self) { try await provider.credentials() }
        #expect(error.description == "exec plugin \(plugin.scriptPath): exited with code 3: token expired: run login second line")
        #expect(error.isExecPlugin)
    }

    @Test func wrongAPIVersionInTheAnswerIsAnError() async throws {
        let plugin = try Plugin()
        defer { plugin.directory.remove() }
        let provider = ExecCredentialProvider(
            config: plugin.config(apiVersion: ExecConfig.apiVersionV1, env: ["ANSWER_VERSION": ExecConfig.apiVersionV1beta1]),
            environment: pluginEnvironment)
        let error = try await #require(throws: ConfigError.self) { try await provider.credentials() }
        #expect(
            error.description
                == "exec plugin \(plugin.scriptPath): answered with apiVersion \"client.authentication.k8s.io/v1beta1\", but \"client.authentication.k8s.io/v1\" was requested"
        )
    }

    @Test func aHangingPluginIsKilledAfterTheTimeout() async throws {
        let plugin = try Plugin(script: "#!/bin/sh\nexec sleep 30\n")
        defer { plugin.directory.remove() }
        let provider = ExecCredentialProvider(config: plugin.config(), environment: pluginEnvironment, timeout: .milliseconds(200))
        let error = try await #require(throws: ConfigError.self) { try await provider.credentials() }
        #expect(error.description.contains("did not finish within"))
        #expect(error.description.contains("and was killed"))
    }

    @Test func aTimedOutPluginIsKilledWithEverythingItStarted() async throws {
        // The plugin and its background child hold a FIFO open; the FIFO hangs up only when both are gone.
        let plugin = try Plugin(script: "#!/bin/sh\nexec 3> \"$RUNS.fifo\"\nsleep 300 &\nwait\n")
        defer { plugin.directory.remove() }
        let fifo = plugin.runsFile + ".fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        let provider = ExecCredentialProvider(config: plugin.config(), environment: pluginEnvironment, timeout: .seconds(5))
        let error = try await #require(throws: ConfigError.self) { try await provider.credentials() }
        #expect(error.description.contains("did not finish within"))
        #expect(await writersGone(reader), "the plugin's child outlived the plugin")
    }

    static let head = #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":"#

    @Test(arguments: [
        (head + #"{"token":"s3cr3t-token"}} trailing"#, "not valid JSON"),
        (head + #"{"token":["s3cr3t-token"]}}"#, "status.token has the wrong type"),
        (#"s3cr3t-token"#, "not valid JSON"),
    ])
    func anInvalidAnswerIsDescribedWithoutEchoingIt(output: String, flaw: String) async throws {
        let plugin = try Plugin(script: "#!/bin/sh\ncat <<'EOF'\n\(output)\nEOF\n")
        defer { plugin.directory.remove() }
        let provider = ExecCredentialProvider(config: plugin.config(), environment: pluginEnvironment)
        let error = try await #require(throws: ConfigError.self) { try await provider.credentials() }
        #expect(!error.description.contains("s3cr3t"), "\(error)")
        #expect(error.description.contains("is not an ExecCredential JSON object (\(flaw);"), "\(error)")
    }

    @Test func missingCommandShowsTheInstallHint() async throws {
        let config = ExecConfig(command: "no-such-plugin-\(UUID().uuidString)", installHint: "Install it with:\n  brew install it")
        let provider = ExecCredentialProvider(config: config, environment: pluginEnvironment)
        let error = try await #require(throws: ConfigError.self) { try await provider.credentials() }
        #expect(error.description == "exec plugin \(config.command): executable not found in PATH; Install it with: brew install it")
    }

    @Test func interactiveModeAlwaysIsRefused() async throws {
        let plugin = try Plugin()
        defer { plugin.directory.remove() }
        var config = plugin.config()
        config.interactiveMode = .always
        let provider = ExecCredentialProvider(config: config, environment: pluginEnvironment)
        let error = try await #require(throws: ConfigError.self) { try await provider.credentials() }
        #expect(error.description.contains("interactiveMode Always needs a terminal"))
        #expect(plugin.runs() == 0)
    }

    @Test func kubeconfigExecWithRelativeCommandAndClusterInfo() async throws {
        let plugin = try Plugin()
        defer { plugin.directory.remove() }
        let kubeconfig = try plugin.directory.write(
            "config",
            """
            current-context: c
            clusters:
            - name: k
              cluster:
                server: https://api.example:6443
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension: {audience: chaos, retries: 2}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: ./plugin.sh
                  provideClusterInfo: true
                  env:
                  - {name: RUNS, value: \(plugin.runsFile)}
            contexts:
            - name: c
              context: {cluster: k, user: u}
            """)
        let config = try KubeconfigLoader(environment: pluginEnvironment).load(paths: [kubeconfig])
        #expect(try await config.credentials.current()?.bearerToken == "token-1")
        let spec = try #require(try plugin.execInfo()["spec"] as? [String: Any])
        let cluster = try #require(spec["cluster"] as? [String: Any])
        #expect(cluster["server"] as? String == "https://api.example:6443")
        #expect((cluster["config"] as? [String: Any])?["retries"] as? Int == 2)
    }
}

/// Waits until no process holds the FIFO open at `fd` for writing any more (POLLHUP); false if one still does after 30 s.
private func writersGone(_ fd: Int32) async -> Bool {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            var scratch = [UInt8](repeating: 0, count: 64)
            while poll(&entry, 1, 30_000) > 0 {
                if entry.revents & Int16(POLLHUP) != 0 { return continuation.resume(returning: true) }
                _ = read(fd, &scratch, scratch.count)
            }
            continuation.resume(returning: false)
        }
    }
}
