using InfoDisclosure.Workflow.Deadlines;

namespace InfoDisclosure.Workflow.Tests.Deadlines;

public sealed class ReportDeadlinesTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public void A_department_report_is_due_on_January_31_of_the_next_year_and_a_government_report_on_March_31()
    {
        var department = ReportDeadlines.For("department", 2026);
        var government = ReportDeadlines.For("government", 2026);

        Assert.Equal(new DateTimeOffset(2027, 1, 31, 23, 59, 59, Beijing), department.StatutoryDeadline);
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 23, 59, 59, Beijing), government.StatutoryDeadline);
        Assert.Equal("2027-01-31T23:59:59+08:00", Workflow.Notifications.BeijingTime.Iso(department.StatutoryDeadline));
    }

    [Fact]
    public void An_unknown_agency_kind_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ReportDeadlines.For("ministry", 2026));
        Assert.Contains("ministry", error.Message);
    }

    [Fact]
    public void Published_at_23_59_59_Beijing_on_the_deadline_is_on_time_and_at_midnight_it_is_late()
    {
        var d = ReportDeadlines.For("department", 2026);

        Assert.False(d.IsLate(new DateTimeOffset(2027, 1, 31, 23, 59, 59, Beijing)));
        Assert.False(d.IsLate(new DateTimeOffset(2027, 1, 31, 23, 59, 59, Beijing).AddMilliseconds(999)));
        Assert.True(d.IsLate(new DateTimeOffset(2027, 2, 1, 0, 0, 0, Beijing)));
        // The same instants written in UTC: 15:59:59 UTC is still January 31 in Beijing, 16:00 UTC is February 1.
        Assert.False(d.IsLate(new DateTimeOffset(2027, 1, 31, 15, 59, 59, TimeSpan.Zero)));
        Assert.True(d.IsLate(new DateTimeOffset(2027, 1, 31, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Internal_dates_bring_publication_forward_but_the_late_flag_stays_against_the_statute()
    {
        var d = ReportDeadlines.For("department", 2026, submitBy: MonthDay.Parse("01-26"), publishBy: MonthDay.Parse("01-28"));

        Assert.Equal(new DateOnly(2027, 1, 26), d.SubmitBy);
        Assert.Equal(new DateOnly(2027, 1, 28), d.PublishTarget);
        var onJanuary29 = new DateTimeOffset(2027, 1, 29, 10, 0, 0, Beijing);
        Assert.True(d.IsLateInternally(onJanuary29));
        Assert.False(d.IsLate(onJanuary29));
    }

    [Fact]
    public void An_internal_date_after_the_statutory_one_is_ignored()
    {
        var d = ReportDeadlines.For("department", 2026, publishBy: MonthDay.Parse("02-15"));

        Assert.Null(d.PublishBy);
        Assert.Equal(new DateOnly(2027, 1, 31), d.PublishTarget);
    }

    [Theory]
    [InlineData("2027-01-30T23:59:59+08:00", 1)]
    [InlineData("2027-01-31T00:00:00+08:00", 0)]
    [InlineData("2027-01-31T23:59:59+08:00", 0)]
    [InlineData("2027-01-31T16:00:00+00:00", -1)] // 00:00 on February 1 in Beijing
    [InlineData("2027-01-01T09:00:00+08:00", 30)]
    [InlineData("2026-12-31T20:00:00+00:00", 30)] // still December 31 in UTC, already January 1 in Beijing
    public void Days_left_count_Beijing_calendar_days(string now, int expected)
    {
        var d = ReportDeadlines.For("department", 2026);
        var instant = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, d.DaysLeft(instant));
    }

    [Theory]
    [InlineData("01-26", true)]
    [InlineData("1-5", true)]
    [InlineData("02-29", false)]
    [InlineData("13-01", false)]
    [InlineData("January 26", false)]
    [InlineData("", false)]
    public void Month_day_parsing(string text, bool ok) => Assert.Equal(ok, MonthDay.TryParse(text, out _));
}
