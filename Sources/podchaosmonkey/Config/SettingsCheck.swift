/// A command's own checks of its settings, made before it connects anywhere: the part of running it that
/// `config validate` runs too, so a file it accepts is one the command accepts.
protocol SettingsCheck {
    /// Throws what the command would fail with (CLIError, ScheduleError, WebhookError, …).
    func checkSettings() throws
}
