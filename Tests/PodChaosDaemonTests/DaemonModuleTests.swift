import Testing

@testable import PodChaosDaemon

@Suite struct DaemonModuleTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
