using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Deadlines;

namespace InfoDisclosure.Workflow.Review;

/// <summary>When a review level falls due: after the agency's exact span, else after N Beijing working days (<see cref="BeijingCalendar"/>).</summary>
public static class StageDue
{
    /// <remarks>
    /// Called by the orchestrator on every replay: pure, from the start instant, the settings and the compiled-in holiday data.
    /// </remarks>
    public static DateTimeOffset After(DateTimeOffset start, StageReminderSettings? settings)
    {
        settings ??= new StageReminderSettings();
        if (settings.DueAfter is { } span) return start + span;
        return BeijingCalendar.AddWorkingDays(start, Math.Max(1, settings.DueAfterWorkingDays));
    }
}
