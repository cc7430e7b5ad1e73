using InfoDisclosure.Workflow.Notifications;

namespace InfoDisclosure.Workflow.Tests.Notifications;

public sealed class BeijingWorkingDayTests
{
    private static DateTimeOffset Beijing(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(9, 10, 2, 11, 10)]   // Monday 10:00 + 2 → Wednesday 10:00
    [InlineData(13, 16, 2, 17, 16)]  // Friday 16:00 + 2 → Tuesday 16:00, the weekend does not count
    [InlineData(14, 11, 2, 18, 9)]   // Saturday 11:00 → counted from Monday 09:00 → Wednesday 09:00
    public void Working_days_skip_weekends_in_Beijing_time(int startDay, int startHour, int days, int dueDay, int dueHour)
    {
        var due = BeijingTime.AddWorkingDays(Beijing(2023, 1, startDay, startHour), days);
        Assert.Equal(Beijing(2023, 1, dueDay, dueHour), due);
    }

    [Fact]
    public void A_UTC_instant_late_on_Friday_is_already_Saturday_in_Beijing()
    {
        // Friday 20:00 UTC is Saturday 04:00 in Beijing: the count starts Monday 09:00.
        var due = BeijingTime.AddWorkingDays(new DateTimeOffset(2023, 1, 13, 20, 0, 0, TimeSpan.Zero), 1);
        Assert.Equal(Beijing(2023, 1, 17, 9), due);
    }
}
