using FsCheck.Xunit;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Generators;
using InfoDisclosure.Reports.Tests.Rendering;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.RoundTrip;

/// <summary>import-docx(render-docx(m)) gives back m: the paper copy can be read back into the report it was printed from.</summary>
public class DocxRoundTripTests
{
    public static TheoryData<string> Fixtures { get; } = new(
        "2022_hongsibu_approval_bureau.txt",
        "2023_hongze_district_gov.txt",
        "2024_hongze_district_gov.txt",
        "2024_huaian_city_gov.txt",
        "2019_shanghai_gov_office_OLD_FORMAT.txt");

    private static void AssertRoundTrip(AnnualReport report)
    {
        var imported = ReportImporter.ImportDocx(DocxRenderer.Render(report));
        Assert.Empty(imported.Findings);
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(imported.Report));
    }

    [Theory]
    [InlineData(nameof(SampleReports.Huaian2024))]
    [InlineData(nameof(SampleReports.WithSingleRowOtherProcessing))]
    [InlineData(nameof(SampleReports.Shanghai2019))]
    public void Hand_built_reports_come_back_unchanged(string sample) =>
        AssertRoundTrip((AnnualReport)typeof(SampleReports).GetMethod(sample)!.Invoke(null, null)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_comes_back_unchanged(string fixture) =>
        AssertRoundTrip(ReportImporter.ImportText(TestPaths.ReadFixture(fixture)).Report);

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 200)]
    public void Generated_reports_come_back_unchanged(AnnualReport report) => AssertRoundTrip(report);

    [Fact]
    public void A_report_without_a_publication_date_comes_back_without_the_blank_date_line_for_the_seal()
    {
        var report = SampleReports.Huaian2024();
        report.PublicationDate = null;
        AssertRoundTrip(report);
    }
}
