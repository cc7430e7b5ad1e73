namespace InfoDisclosure.Workflow.Deadlines;

/// <summary>One public-holiday period of a notice: the days off, both ends included.</summary>
public sealed record HolidayPeriod(string Name, DateOnly From, DateOnly To);

/// <summary>
/// One year's 国务院办公厅 notice on public holidays (部分节假日安排): the days off and the weekend days worked
/// instead (调休上班).
/// </summary>
public sealed record HolidayNotice(int Year, string Title, string Number, DateOnly Issued,
    IReadOnlyList<HolidayPeriod> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays);

/// <summary>
/// The State Council's holiday arrangements, one notice per year, copied from the notice named beside it. A year is
/// added only once its notice is published and can be cited here; a year without one is treated as plain
/// Monday–Friday (<see cref="BeijingCalendar.HasDataFor"/>), with a warning in the log.
/// To add a year: copy the notice's dates below, with its title, 国办发明电 number and date, and run the calendar tests.
/// </summary>
public static class BeijingHolidays
{
    public static readonly IReadOnlyList<HolidayNotice> Notices =
    [
        new(2022, "国务院办公厅关于2022年部分节假日安排的通知", "国办发明电〔2021〕11号", D("2021-10-25"),
        [
            Off("元旦", "2022-01-01", "2022-01-03"),
            Off("春节", "2022-01-31", "2022-02-06"),
            Off("清明节", "2022-04-03", "2022-04-05"),
            Off("劳动节", "2022-04-30", "2022-05-04"),
            Off("端午节", "2022-06-03", "2022-06-05"),
            Off("中秋节", "2022-09-10", "2022-09-12"),
            Off("国庆节", "2022-10-01", "2022-10-07"),
        ],
        Work("2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09")),

        // New Year's Day 2023 begins on Saturday 2022-12-31.
        new(2023, "国务院办公厅关于2023年部分节假日安排的通知", "国办发明电〔2022〕16号", D("2022-12-08"),
        [
            Off("元旦", "2022-12-31", "2023-01-02"),
            Off("春节", "2023-01-21", "2023-01-27"),
            Off("清明节", "2023-04-05", "2023-04-05"),
            Off("劳动节", "2023-04-29", "2023-05-03"),
            Off("端午节", "2023-06-22", "2023-06-24"),
            Off("中秋节、国庆节", "2023-09-29", "2023-10-06"),
        ],
        Work("2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08")),

        new(2024, "国务院办公厅关于2024年部分节假日安排的通知", "国办发明电〔2023〕7号", D("2023-10-25"),
        [
            Off("元旦", "2024-01-01", "2024-01-01"),
            Off("春节", "2024-02-10", "2024-02-17"),
            Off("清明节", "2024-04-04", "2024-04-06"),
            Off("劳动节", "2024-05-01", "2024-05-05"),
            Off("端午节", "2024-06-10", "2024-06-10"),
            Off("中秋节", "2024-09-15", "2024-09-17"),
            Off("国庆节", "2024-10-01", "2024-10-07"),
        ],
        Work("2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12")),

        new(2025, "国务院办公厅关于2025年部分节假日安排的通知", "国办发明电〔2024〕12号", D("2024-11-12"),
        [
            Off("元旦", "2025-01-01", "2025-01-01"),
            Off("春节", "2025-01-28", "2025-02-04"),
            Off("清明节", "2025-04-04", "2025-04-06"),
            Off("劳动节", "2025-05-01", "2025-05-05"),
            Off("端午节", "2025-05-31", "2025-06-02"),
            Off("国庆节、中秋节", "2025-10-01", "2025-10-08"),
        ],
        Work("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11")),

        new(2026, "国务院办公厅关于2026年部分节假日安排的通知", "国办发明电〔2025〕7号", D("2025-11-04"),
        [
            Off("元旦", "2026-01-01", "2026-01-03"),
            Off("春节", "2026-02-15", "2026-02-23"),
            Off("清明节", "2026-04-04", "2026-04-06"),
            Off("劳动节", "2026-05-01", "2026-05-05"),
            Off("端午节", "2026-06-19", "2026-06-21"),
            Off("中秋节", "2026-09-25", "2026-09-27"),
            Off("国庆节", "2026-10-01", "2026-10-07"),
        ],
        Work("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")),
    ];

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static HolidayPeriod Off(string name, string from, string to) => new(name, D(from), D(to));

    private static DateOnly[] Work(params string[] days) => [.. days.Select(D)];
}
