using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Notifications;

namespace InfoDisclosure.Workflow.Review;

/// <summary>When a review level falls due: after the agency's exact span, else after N working days (Mon–Fri, Beijing time).</summary>
public static class StageDue
{
    /// <remarks>Public holidays (调休) are not known here; a level due on one is reminded a day early, which is harmless.</remarks>
    public static DateTimeOffset After(DateTimeOffset start, StageReminderSettings? settings)
    {
        settings ??= new StageReminderSettings();
        if (settings.DueAfter is { } span) return start + span;
        var at = BeijingTime.ToBeijing(start);
        for (var left = Math.Max(1, settings.DueAfterWorkingDays); left > 0;)
        {
            at = at.AddDays(1);
            if (at.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
        }
        return at;
    }
}
