namespace InfoDisclosure.Workflow.Monitoring;

/// <summary>Configuration section "Alerts" (environment: Alerts__StuckAfter=5.00:00:00).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>A report in review, approved, 报送 or publishing whose stage has not changed for longer than this counts as stuck.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How often the local host's ticker refreshes the health gauges (the Functions app uses its timer trigger).</summary>
    public int RefreshSeconds { get; set; } = 60;
}
