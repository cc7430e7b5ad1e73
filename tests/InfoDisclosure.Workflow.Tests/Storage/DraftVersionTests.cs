using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Workflow.Storage;

namespace InfoDisclosure.Workflow.Tests.Storage;

[Collection(StorageCollection.Name)]
public sealed class DraftVersionTests(StorageFixture fixture)
{
    private static readonly DateTimeOffset At = new(2025, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Each_save_is_a_new_version_with_the_sha256_of_its_json()
    {
        var documents = fixture.Get<ReportDocuments>();
        var agency = "drafts-" + Guid.NewGuid().ToString("N")[..8];
        var first = NewReport.Create("测试局", 2025);
        var second = NewReport.Create("测试局", 2025);
        second.Opening.Paragraphs.Add("第二稿");

        var v1 = await documents.AddVersionAsync(agency, 2025, 1, first, "drafter", "json", At, [], CancellationToken.None);
        var v2 = await documents.AddVersionAsync(agency, 2025, 2, second, "drafter", "json", At.AddMinutes(1), [], CancellationToken.None);

        Assert.Equal((1, 2), (v1.Number, v2.Number));
        Assert.Equal(ReportDocuments.Sha256(ReportJson.Serialize(first)), v1.Sha256);
        Assert.NotEqual(v1.Sha256, v2.Sha256);
        Assert.Equal(["第二稿"], (await documents.ReadReportAsync(agency, 2025, 2, CancellationToken.None))!.Opening.Paragraphs);
        Assert.Empty((await documents.ReadReportAsync(agency, 2025, 1, CancellationToken.None))!.Opening.Paragraphs);
        Assert.Contains("测试局", await documents.ReadHtmlAsync(agency, 2025, 1, CancellationToken.None));
        Assert.Equal([1, 2], (await documents.ListVersionsAsync(agency, 2025, CancellationToken.None)).Select(v => v.Number));
    }

    [Fact]
    public async Task A_version_number_already_taken_is_never_overwritten()
    {
        var documents = fixture.Get<ReportDocuments>();
        var agency = "taken-" + Guid.NewGuid().ToString("N")[..8];
        var original = NewReport.Create("原稿局", 2025);
        var later = NewReport.Create("后稿局", 2025);

        await documents.AddVersionAsync(agency, 2025, 1, original, "a", "json", At, [], CancellationToken.None);
        // A writer that still believes 1 is free (e.g. a concurrent save) gets the next number instead.
        var v = await documents.AddVersionAsync(agency, 2025, 1, later, "b", "json", At, [], CancellationToken.None);

        Assert.Equal(2, v.Number);
        Assert.Equal("原稿局", (await documents.ReadReportAsync(agency, 2025, 1, CancellationToken.None))!.AgencyName);

        // Storage itself refuses to replace a version blob written with If-None-Match: *.
        var blob = fixture.Get<BlobServiceClient>().GetBlobContainerClient(StorageNames.DraftsContainer)
            .GetBlobClient(ReportDocuments.BlobPath(agency, 2025, 1, "json"));
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("{}"),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }));
        Assert.Equal(409, refused.Status);
    }
}
