using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Review;

namespace InfoDisclosure.Workflow.Tests.Review;

public sealed class StageDueTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    [InlineData("2026-01-05T10:00:00", 2, "2026-01-07T10:00:00")] // Monday → Wednesday
    [InlineData("2026-01-08T16:30:00", 2, "2026-01-12T16:30:00")] // Thursday → Monday, over the weekend
    [InlineData("2026-01-10T09:00:00", 2, "2026-01-13T09:00:00")] // Saturday → Tuesday
    [InlineData("2026-01-09T23:30:00", 1, "2026-01-12T23:30:00")] // Friday night → Monday night
    public void A_level_falls_due_after_working_days_in_Beijing_time(string start, int days, string due)
    {
        var startAt = new DateTimeOffset(DateTime.Parse(start), Beijing);
        var dueAt = StageDue.After(startAt.ToUniversalTime(), new StageReminderSettings { DueAfterWorkingDays = days });
        Assert.Equal(new DateTimeOffset(DateTime.Parse(due), Beijing), dueAt);
    }

    [Fact]
    public void Friday_late_evening_utc_is_already_Saturday_in_Beijing()
    {
        // 2026-01-09 17:00 UTC is Saturday 01:00 in Beijing: two working days end on Tuesday, not Monday.
        var dueAt = StageDue.After(new DateTimeOffset(2026, 1, 9, 17, 0, 0, TimeSpan.Zero), new StageReminderSettings());
        Assert.Equal(new DateTimeOffset(2026, 1, 13, 1, 0, 0, Beijing), dueAt);
    }

    [Fact]
    public void An_exact_span_overrides_working_days()
    {
        var start = new DateTimeOffset(2026, 1, 9, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(start.AddSeconds(5), StageDue.After(start, new StageReminderSettings { DueAfter = TimeSpan.FromSeconds(5) }));
    }
}
