namespace InfoDisclosure.Workflow.Notifications;

/// <summary>Beijing time (UTC+8 all year, no DST) and its working days, for what people read in e-mails and when reminders fall due.</summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>ISO 8601 with the +08:00 offset, e.g. "2023-01-31T23:59:59+08:00".</summary>
    public static string Iso(DateTimeOffset instant) =>
        ToBeijing(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToBeijing(time.GetUtcNow()).DateTime);

    /// <summary>"2023年1月31日".</summary>
    public static string FormatDate(DateTimeOffset instant)
    {
        var b = ToBeijing(instant);
        return $"{b.Year}年{b.Month}月{b.Day}日";
    }

    /// <summary>"2023年1月31日 17:30（北京时间）".</summary>
    public static string FormatDateTime(DateTimeOffset instant)
    {
        var b = ToBeijing(instant);
        return $"{b.Year}年{b.Month}月{b.Day}日 {b:HH\\:mm}（北京时间）";
    }

    /// <summary>Whole calendar days from today (Beijing) to the deadline's day; negative once it has passed.</summary>
    public static int DaysLeft(DateTimeOffset deadline, TimeProvider time) =>
        DateOnly.FromDateTime(ToBeijing(deadline).DateTime).DayNumber - Today(time).DayNumber;

    /// <summary>"还剩 5 天", "今天到期", "已逾期 2 天".</summary>
    public static string DescribeDaysLeft(int days) => days switch
    {
        > 0 => $"还剩 {days} 天",
        0 => "今天到期",
        _ => $"已逾期 {-days} 天",
    };

    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The instant <paramref name="workingDays"/> Beijing working days (Mon–Fri; no holiday calendar) after <paramref name="start"/>,
    /// at the same time of day: a level sent out on Friday 16:00 with 2 working days is due Tuesday 16:00.
    /// A start on a weekend counts from the next Monday 09:00. Pure, so orchestrators may call it with their replay-safe clock.
    /// </summary>
    public static DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var b = ToBeijing(start);
        var day = DateOnly.FromDateTime(b.DateTime);
        var timeOfDay = b.TimeOfDay;
        if (!IsWorkingDay(day))
        {
            while (!IsWorkingDay(day)) day = day.AddDays(1);
            timeOfDay = TimeSpan.FromHours(9);
        }
        for (var added = 0; added < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) added++;
        }
        return new DateTimeOffset(day.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay)), Offset).ToUniversalTime();
    }
}
