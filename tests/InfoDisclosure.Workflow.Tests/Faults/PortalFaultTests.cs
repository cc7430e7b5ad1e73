namespace InfoDisclosure.Workflow.Tests.Faults;

/// <summary>
/// The portal's 5xx answers and timeouts, from outside with a real receiver: both are retried under the same
/// Idempotency-Key, and the report is published once (the 4xx case is in Publishing/DurableDeliveryTests).
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class PortalFaultTests(OutageWorld world)
{
    [Fact]
    public async Task A_portal_answering_500_then_502_is_retried_and_the_report_is_published_once()
    {
        var report = FaultsWorld.NewReport("portal5xx");
        await world.CreateAsync(report);
        world.Portal.AnswerNext(500, 502);
        await world.SubmitAsync(report);
        await world.ApproveToPublishedAsync(report);

        var final = await world.AssertPublishedOnceAsync(report);
        Assert.Equal([500, 502, 200], world.Portal.Requests.Where(r => r.Payload.AgencyId == report.AgencyId).Select(r => r.AnsweredStatus));
        Assert.DoesNotContain(final["audit"]!.AsArray(), a => ((string?)a!["action"] ?? "").StartsWith("publish-failed", StringComparison.Ordinal));
        Assert.Contains(Publishing.PortalReceiver.UrlFor(world.Portal.Port, report.AgencyId, FaultReport.Year), final.ToJsonString());
    }

    [Fact]
    public async Task A_portal_that_publishes_but_answers_after_our_timeout_is_asked_again_under_the_same_key_and_shows_the_report_once()
    {
        var report = FaultsWorld.NewReport("portalslow");
        await world.CreateAsync(report);
        // Accepted and published at once, answered after 10 s: the host gives up after its 3 s timeout (Portal__Timeout).
        world.Portal.AnswerLate(TimeSpan.FromSeconds(10));
        await world.SubmitAsync(report);
        await world.ApproveToPublishedAsync(report);

        await world.AssertPublishedOnceAsync(report);
        var pushes = world.Portal.Requests.Where(r => r.Payload.AgencyId == report.AgencyId).ToList();
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.Zero], pushes.Select(p => p.AnswerDelay));
        Assert.Equal(pushes[0].Body, pushes[1].Body);
    }
}
