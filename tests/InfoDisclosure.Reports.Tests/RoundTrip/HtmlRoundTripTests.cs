using FsCheck.Xunit;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Generators;
using InfoDisclosure.Reports.Tests.Rendering;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.RoundTrip;

/// <summary>import-html(render-html(m)) gives back m, for the page and for the portal fragment.</summary>
public class HtmlRoundTripTests
{
    public static TheoryData<string> Fixtures { get; } = new(
        "2022_hongsibu_approval_bureau.txt",
        "2023_hongze_district_gov.txt",
        "2024_hongze_district_gov.txt",
        "2024_huaian_city_gov.txt",
        "2019_shanghai_gov_office_OLD_FORMAT.txt");

    private static void AssertRoundTrip(AnnualReport report)
    {
        var expected = ReportJson.Serialize(report);
        foreach (var html in new[] { HtmlRenderer.RenderPage(report), HtmlRenderer.RenderFragment(report) })
        {
            var imported = HtmlImporter.Import(html);
            Assert.Empty(imported.Findings);
            Assert.Equal(expected, ReportJson.Serialize(imported.Report));
        }
    }

    [Theory]
    [InlineData(nameof(SampleReports.Huaian2024))]
    [InlineData(nameof(SampleReports.WithSingleRowOtherProcessing))]
    [InlineData(nameof(SampleReports.Shanghai2019))]
    public void Hand_built_reports_come_back_unchanged(string sample) =>
        AssertRoundTrip((AnnualReport)typeof(SampleReports).GetMethod(sample)!.Invoke(null, null)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_comes_back_unchanged(string fixture)
    {
        var report = ReportImporter.ImportText(TestPaths.ReadFixture(fixture)).Report;
        AssertRoundTrip(report);
    }

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 300)]
    public void Generated_reports_come_back_unchanged(AnnualReport report) => AssertRoundTrip(report);

    [Fact]
    public void Markup_in_texts_survives_the_round_trip_as_text()
    {
        var report = SampleReports.Huaian2024();
        report.AgencyName = "<script>alert(1)</script>局";
        report.Overview.Introduction.Add("介绍<script>alert(1)</script>&amp; \"引号\"");
        report.ProactiveDisclosure!.AdministrativeFees = Cell.Parse("<b>/</b>");
        AssertRoundTrip(report);
    }
}
