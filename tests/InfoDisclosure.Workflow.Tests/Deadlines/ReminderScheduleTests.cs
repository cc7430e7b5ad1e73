using System.Globalization;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Deadlines;

/// <summary>
/// The reminder schedule over a simulated December–February on a fake clock, with restarts (new service instances over
/// the same Azurite) and two "hosts" running at the same moment, against a real SMTP server.
/// </summary>
public sealed class ReminderScheduleTests(DeadlineWorld world) : IClassFixture<DeadlineWorld>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static Agency Department(string id, string name, string drafter, InternalDeadlines? internalDeadlines = null) => new()
    {
        Id = id,
        Name = name,
        Kind = AgencyKinds.Department,
        SupervisingOfficeEmail = $"office-{id}@gov.example.cn",
        Drafter = new Person($"起草人{id}", drafter),
        ReviewChain = [new ReviewLevel { Name = "初审·一校", Reviewers = [new Person("编辑", $"editor-{id}@gov.example.cn")] }],
        InternalDeadlines = internalDeadlines ?? new InternalDeadlines(),
    };

    [Fact]
    public async Task Each_reminder_goes_once_at_09_00_Beijing_to_whoever_holds_the_report_and_stops_after_publication()
    {
        var a = Department("sched-a", "甲局", "drafter-a@gov.example.cn");
        var b = Department("sched-b", "乙局", "drafter-b@gov.example.cn");
        var c = Department("sched-c", "丙区人民政府", "drafter-c@gov.example.cn") with { Kind = AgencyKinds.Government };
        var d = Department("sched-d", "丁局", "drafter-d@gov.example.cn", new InternalDeadlines { SubmitBy = "01-26", PublishBy = "01-28" });
        Person[] bReviewers = [new("复审甲", "r1-b@gov.example.cn"), new("复审乙", "r2-b@gov.example.cn")];

        await using (var setup = world.StartServices())
        {
            var agencies = setup.GetRequiredService<AgencyStore>();
            var index = setup.GetRequiredService<ReportIndex>();
            foreach (var agency in new[] { a, b, c, d })
            {
                Assert.NotNull(await agencies.CreateAsync(agency, CancellationToken.None));
                var entry = new ReportIndexEntry
                {
                    AgencyId = agency.Id, Year = 2026, AgencyName = agency.Name, Stage = ReportStages.Draft, Holder = [agency.Drafter],
                    Deadline = InternalDeadline.Deadlines(agency, 2026).StatutoryDeadline,
                };
                if (agency == b) entry = entry with { Stage = ReportStages.InReview, Level = 2, LevelName = "复审·二校", Round = 1, Holder = bReviewers };
                Assert.True(await index.TryCreateAsync(entry, CancellationToken.None));
            }
        }

        var start = world.Mailbox.Messages.Count;
        var end = new DateTimeOffset(2027, 2, 5, 23, 0, 0, Beijing);
        var step = TimeSpan.FromMinutes(133);
        var published = false;
        var services = world.StartServices();
        try
        {
            for (var tick = 1; world.Clock.GetUtcNow() < end; tick++)
            {
                world.Clock.Advance(step);
                if (tick % 101 == 0)
                {
                    // A restart: the old instance is gone, a new one starts over the same storage.
                    await services.DisposeAsync();
                    services = world.StartServices();
                }
                if (tick % 7 == 0)
                {
                    // Both hosts tick at the same moment.
                    await using var other = world.StartServices();
                    await Task.WhenAll(
                        services.GetRequiredService<DeadlineReminderService>().RunDueAsync(CancellationToken.None),
                        other.GetRequiredService<DeadlineReminderService>().RunDueAsync(CancellationToken.None));
                }
                else
                {
                    await services.GetRequiredService<DeadlineReminderService>().RunDueAsync(CancellationToken.None);
                }
                if (!published && world.Clock.GetUtcNow() >= new DateTimeOffset(2027, 1, 20, 12, 0, 0, Beijing))
                {
                    var now = world.Clock.GetUtcNow();
                    await services.GetRequiredService<ReportIndex>().UpdateAsync(b.Id, 2026,
                        e => e with { Stage = ReportStages.Published, Holder = [], PublishedAt = now }, CancellationToken.None);
                    published = true;
                }
            }
        }
        finally
        {
            await services.DisposeAsync();
        }

        var mails = world.Mailbox.Messages.Skip(start).ToList();
        const string admin = DeadlineWorld.AdminEmail;
        var expected = new List<(string Agency, string Date, string Tag, string[] To)>();
        void Expect(Agency agency, string tag, string[] to, params string[] dates) =>
            expected.AddRange(dates.Select(date => (agency.Name, date, tag, to)));

        // Reminders go out on working days: one due on a weekend goes out the Friday before (2027 has no holiday data
        // yet, so it is Monday–Friday). A's deadline, Sunday 01-31, is announced on Friday 01-29 with its 1-day reminder.
        Expect(a, "发布-提醒", [a.Drafter.Email], "2027-01-01", "2027-01-15");
        Expect(a, "发布-提醒", [a.Drafter.Email, admin], "2027-01-22", "2027-01-28", "2027-01-29");
        Expect(a, "逾期", [a.Drafter.Email, a.SupervisingOfficeEmail, admin], "2027-02-01", "2027-02-02", "2027-02-03", "2027-02-04", "2027-02-05");
        // B is in review at level 2: its reviewers are reminded, not the drafter; nothing after it was published on January 20.
        Expect(b, "发布-提醒", [.. bReviewers.Select(r => r.Email)], "2027-01-01", "2027-01-15");
        // D: the internal submit-by (01-26) and publish-by (01-28) dates each count down; overdue after the 28th, on working days.
        Expect(d, "报送-提醒", [d.Drafter.Email], "2026-12-25", "2027-01-12");
        Expect(d, "报送-提醒", [d.Drafter.Email, admin], "2027-01-19", "2027-01-22", "2027-01-25");
        Expect(d, "报送-今日", [d.Drafter.Email, admin], "2027-01-26");
        Expect(d, "发布-提醒", [d.Drafter.Email], "2026-12-29", "2027-01-14");
        Expect(d, "发布-提醒", [d.Drafter.Email, admin], "2027-01-21", "2027-01-25", "2027-01-27");
        Expect(d, "发布-今日", [d.Drafter.Email, admin], "2027-01-28");
        Expect(d, "逾期", [d.Drafter.Email, d.SupervisingOfficeEmail, admin],
            "2027-01-29", "2027-02-01", "2027-02-02", "2027-02-03", "2027-02-04", "2027-02-05");
        // C is a government report (due March 31): its first reminder is on March 1, outside this window.

        var actual = mails.Select(m => (Agency: AgencyOf(m, a, b, c, d), Date: BeijingDate(m), Tag: Tag(m), To: m.To.Order().ToArray())).ToList();
        Assert.Equal(
            expected.Select(e => $"{e.Agency} {e.Date} {e.Tag} → {string.Join(",", e.To.Order())}").Order(),
            actual.Select(e => $"{e.Agency} {e.Date} {e.Tag} → {string.Join(",", e.To)}").Order());

        // Every one went out at or after 09:00 Beijing, at the first tick after it fell due.
        Assert.All(mails, m =>
        {
            var at = m.ReceivedAt.ToOffset(Beijing).TimeOfDay;
            Assert.InRange(at, TimeSpan.FromHours(9), TimeSpan.FromHours(9) + step);
        });
    }

    private static string AgencyOf(ReceivedMail mail, params Agency[] agencies) =>
        agencies.Single(x => mail.Subject.Contains(x.Name + "2026年", StringComparison.Ordinal)).Name;

    private static string BeijingDate(ReceivedMail mail) =>
        mail.ReceivedAt.ToOffset(Beijing).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Tag(ReceivedMail mail) => mail.Subject switch
    {
        var s when s.StartsWith("【已逾期】", StringComparison.Ordinal) => "逾期",
        var s when s.StartsWith("【今日截止】", StringComparison.Ordinal) => (s.Contains("报送截止日") ? "报送" : "发布") + "-今日",
        var s when s.StartsWith("【截止提醒】", StringComparison.Ordinal) => (s.Contains("距报送截止") ? "报送" : "发布") + "-提醒",
        var s => "?" + s,
    };
}
