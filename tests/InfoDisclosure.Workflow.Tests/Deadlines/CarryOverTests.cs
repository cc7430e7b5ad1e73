using System.Net;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Publishing;

namespace InfoDisclosure.Workflow.Tests.Deadlines;

/// <summary>The new year's draft is pre-filled from last year's; a carry-over that disagrees with last year blocks submission.</summary>
[Collection(PublishingHostCollection.Name)]
public sealed class CarryOverTests(PublishingHostFixture world)
{
    [Fact]
    public async Task A_carry_over_that_disagrees_with_last_years_report_blocks_submission_with_YEAR_CARRYOVER()
    {
        var api = new ApiDriver(world.Host);
        var id = ApiDriver.NewAgencyId("carry");
        await api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
            ApiDriver.Level("any", ("钱科长", "chief@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", "leader@example.gov.cn"))));
        // Last year: 淮安市's 2024 figures, 四、结转下年度继续办理 103 (all 自然人).
        var lastYear = ReportImporter.ImportText(TestPaths.ReadFixture("2024_huaian_city_gov.txt")).Report;
        lastYear.Year = 2023;
        using (var created = await api.CreateReportAsync(id, 2023)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await api.PutDraftAsync(id, 2023, ReportJson.Serialize(lastYear), "application/json");

        // This year: 洪泽区's 2024 report, internally consistent but with 二、上年结转 0 where last year carried 103 forward.
        using (var created = await api.CreateReportAsync(id, 2024)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var thisYear = ReportImporter.ImportText(TestPaths.ReadFixture("2024_hongze_district_gov.txt")).Report;
        thisYear.AgencyName = lastYear.AgencyName;
        await api.PutDraftAsync(id, 2024, ReportJson.Serialize(thisYear), "application/json");

        using var submitted = await api.SubmitAsync(id, 2024);
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.StatusCode);
        Assert.Contains("YEAR.CARRYOVER", body);
        Assert.Equal("Draft", (string?)(await api.GetReportAsync(id, 2024))["status"]!["stage"]);
    }
}
