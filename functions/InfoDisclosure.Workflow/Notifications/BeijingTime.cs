using InfoDisclosure.Workflow.Deadlines;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>How Beijing times read in e-mails, pages and API answers. The dates and working days behind them are <see cref="BeijingCalendar"/>'s.</summary>
public static class BeijingTime
{
    /// <summary>ISO 8601 with the +08:00 offset, e.g. "2023-01-31T23:59:59+08:00".</summary>
    public static string Iso(DateTimeOffset instant) =>
        BeijingCalendar.ToBeijing(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"2023年1月31日".</summary>
    public static string FormatDate(DateTimeOffset instant)
    {
        var b = BeijingCalendar.ToBeijing(instant);
        return $"{b.Year}年{b.Month}月{b.Day}日";
    }

    /// <summary>"2023年1月31日 17:30（北京时间）".</summary>
    public static string FormatDateTime(DateTimeOffset instant)
    {
        var b = BeijingCalendar.ToBeijing(instant);
        return $"{b.Year}年{b.Month}月{b.Day}日 {b:HH\\:mm}（北京时间）";
    }

    /// <summary>Whole calendar days from today (Beijing) to the deadline's day, as <see cref="BeijingCalendar.DaysLeft"/> counts them.</summary>
    public static int DaysLeft(DateTimeOffset deadline, TimeProvider time) =>
        BeijingCalendar.DaysLeft(BeijingCalendar.DateOf(deadline), time.GetUtcNow());

    /// <summary>"还剩 5 天", "今天到期", "已逾期 2 天".</summary>
    public static string DescribeDaysLeft(int days) => days switch
    {
        > 0 => $"还剩 {days} 天",
        0 => "今天到期",
        _ => $"已逾期 {-days} 天",
    };
}
