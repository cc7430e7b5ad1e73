using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace InfoDisclosure.Workflow.Tests.Deadlines;

/// <summary>A reminder day that passed while no host ran is caught up once when a host is back, never twice, by any host.</summary>
public sealed class ReminderCatchUpTests(DeadlineWorld world) : IClassFixture<DeadlineWorld>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_reminder_missed_while_no_host_ran_is_sent_once_on_the_next_working_day_and_the_schedule_goes_on()
    {
        var agency = new Agency
        {
            Id = "catchup", Name = "补发局", Kind = AgencyKinds.Department, SupervisingOfficeEmail = "office-catchup@gov.example.cn",
            Drafter = new Person("起草人", "drafter-catchup@gov.example.cn"),
            ReviewChain = [new ReviewLevel { Name = "初审·一校", Reviewers = [new Person("编辑", "editor-catchup@gov.example.cn")] }],
        };
        await using (var setup = world.StartServices())
        {
            Assert.NotNull(await setup.GetRequiredService<AgencyStore>().CreateAsync(agency, CancellationToken.None));
            Assert.True(await setup.GetRequiredService<ReportIndex>().TryCreateAsync(new ReportIndexEntry
            {
                AgencyId = agency.Id, Year = 2026, AgencyName = agency.Name, Holder = [agency.Drafter],
                Deadline = InternalDeadline.Deadlines(agency, 2026).StatutoryDeadline,
                CreatedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, Beijing),
            }, CancellationToken.None));
        }
        List<Dev.Notifications.ReceivedMail> Mail() => world.Mailbox.Messages.Where(m => m.To.Contains(agency.Drafter.Email)).ToList();

        // The 7-day reminder is due on Friday 2027-01-22 at 09:00; no host runs from Thursday until Monday the 25th.
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 25, 10, 0, 0, Beijing));
        await using (var first = world.StartServices())
        await using (var second = world.StartServices())
        {
            var runs = await Task.WhenAll(
                first.GetRequiredService<DeadlineReminderService>().RunDueAsync(CancellationToken.None),
                second.GetRequiredService<DeadlineReminderService>().RunDueAsync(CancellationToken.None));
            Assert.Equal(1, runs.Sum(r => r.CaughtUp));
            Assert.Equal(0, (await first.GetRequiredService<DeadlineReminderService>().RunDueAsync(CancellationToken.None)).Sent);
        }
        var caughtUp = Assert.Single(Mail());
        Assert.StartsWith("【截止提醒】", caughtUp.Subject);
        Assert.Contains(DeadlineWorld.AdminEmail, caughtUp.To);
        // It says the figure of the day it goes out: 6 days left, not the 9 of the missed day.
        Assert.EndsWith("距发布截止还有 6 天", caughtUp.Subject);

        // Later runs and restarts on the following days do not send it again; the next reminder of the schedule comes on its day.
        foreach (var day in new[] { 26, 27, 28 })
        {
            world.Clock.SetUtcNow(new DateTimeOffset(2027, 1, day, 9, 30, 0, Beijing));
            await using var restarted = world.StartServices();
            await restarted.GetRequiredService<DeadlineReminderService>().RunDueAsync(CancellationToken.None);
        }
        Assert.Equal(2, Mail().Count);
        var ledger = await world.StartServices().GetRequiredService<SentMailLedger>().ListAsync(StorageNames.ReportKey(agency.Id, 2026), CancellationToken.None);
        Assert.Equal(["Publish-Before-20270122", "Publish-Before-20270128"], ledger.Select(e => e.Key).Order());
    }
}
