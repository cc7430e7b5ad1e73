namespace InfoDisclosure.Workflow.Retention;

/// <summary>Configuration section "Retention" (environment: Retention__CompletedInstancesDays=400).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Days a finished (Completed or Terminated) orchestration instance is kept in the task hub after it finished. The
    /// default keeps last year's instance through the next year's review, which compares with it.
    /// </summary>
    public int CompletedInstancesDays { get; set; } = 400;

    /// <summary>How often the local host runs the purge (the Functions app: its daily timer trigger).</summary>
    public int TickHours { get; set; } = 24;
}
