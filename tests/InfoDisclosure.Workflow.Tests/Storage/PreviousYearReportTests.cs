using InfoDisclosure.Reports.Model;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Tests.Storage;

/// <summary>
/// "Last year's report", the one definition behind the 勾稽 checks at submission, in the reviewers' e-mails and on the
/// review page: the approved version once last year's report left review, not a draft saved after it.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class PreviousYearReportTests(StorageFixture fixture)
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(ReportStages.Published, "审定稿")]
    [InlineData(ReportStages.Submitted, "审定稿")]
    [InlineData(ReportStages.InReview, "之后的草稿")]
    [InlineData(ReportStages.Draft, "之后的草稿")]
    public async Task Last_years_report_is_the_approved_version_once_it_left_review_else_the_current_draft(string stage, string expected)
    {
        var index = fixture.Get<ReportIndex>();
        var documents = fixture.Get<ReportDocuments>();
        var agency = "previous-" + Guid.NewGuid().ToString("N")[..8];
        var approved = NewReport.Create("去年局", 2024);
        approved.Opening.Paragraphs.Add("审定稿");
        var later = NewReport.Create("去年局", 2024);
        later.Opening.Paragraphs.Add("之后的草稿");
        var v1 = await documents.AddVersionAsync(agency, 2024, 1, approved, "drafter", "json", At, [], CancellationToken.None);
        var v2 = await documents.AddVersionAsync(agency, 2024, 2, later, "drafter", "json", At.AddDays(1), [], CancellationToken.None);
        var leftReview = stage is ReportStages.Published or ReportStages.Submitted;
        Assert.True(await index.TryCreateAsync(new ReportIndexEntry
        {
            AgencyId = agency, Year = 2024, AgencyName = "去年局", Stage = stage, VersionCount = 2,
            CurrentVersion = v2.Number, CurrentSha256 = v2.Sha256,
            SubmittedVersion = leftReview ? v1.Number : null, SubmittedSha256 = leftReview ? v1.Sha256 : null,
        }, CancellationToken.None));

        var previous = await PreviousYearReport.ForAsync(index, documents, agency, 2025, CancellationToken.None);

        Assert.Equal([expected], previous!.Opening.Paragraphs);
        Assert.Null(await PreviousYearReport.ForAsync(index, documents, agency, 2024, CancellationToken.None));
    }
}
