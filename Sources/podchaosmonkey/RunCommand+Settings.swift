import PodChaos
import PodChaosDaemon

extension RunCommand: SettingsCheck {
    /// Everything `run` decides with, checked before it connects: what `config validate` checks too.
    struct Settings {
        let options: DaemonOptions
        let schedule: any TickSchedule
        let window: ActiveWindow
        let webhooks: WebhookConfiguration
        let status: StatusServerConfiguration
    }

    func settings() throws -> Settings {
        let options = try runFlags.daemonOptions(kill: try killOptions())
        let timeZone = try ScheduleTimeZone.parse(runFlags.timezone)
        return Settings(
            options: options,
            schedule: try runFlags.schedule(timeZone: timeZone),
            window: try runFlags.window(timeZone: timeZone),
            webhooks: try WebhookConfiguration(
                webhooks: runFlags.webhook, template: runFlags.webhookTemplate, slackWebhooks: runFlags.slackWebhook),
            status: try flag("--metrics-address") { try StatusServerConfiguration(metricsAddress: runFlags.metricsAddress) })
    }

    func checkSettings() throws { _ = try settings() }
}
