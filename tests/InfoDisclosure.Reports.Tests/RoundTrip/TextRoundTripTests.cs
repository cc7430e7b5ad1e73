using System.Text.Json;
using FsCheck.Xunit;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Generators;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.RoundTrip;

/// <summary>import(render-text(m)) gives back m: for every fixture's report and for generated reports.</summary>
public class TextRoundTripTests
{
    public static TheoryData<string> Fixtures() => new(Directory.GetFiles(TestPaths.FixtureReports, "*.txt").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_survives_render_and_import(string fixture)
    {
        var imported = TextImporter.Import(TestPaths.ReadFixture(fixture)).Report;

        var text = TextRenderer.Render(imported);
        var again = TextImporter.Import(text);

        Assert.Empty(again.Findings);
        Assert.Equal(ReportJson.Serialize(imported), ReportJson.Serialize(again.Report));
    }

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 300)]
    public void Generated_reports_survive_render_and_import(AnnualReport report)
    {
        var again = TextImporter.Import(TextRenderer.Render(report));

        Assert.Empty(again.Findings);
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(again.Report));
    }

    [Fact]
    public void A_blank_new_report_survives_render_and_import()
    {
        var report = NewReport.Create("某县教育体育局", 2025);

        var again = TextImporter.Import(TextRenderer.Render(report));

        Assert.Empty(again.Findings);
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(again.Report));
    }

    [Fact]
    public void Rendered_text_has_the_fixture_layout()
    {
        var report = TextImporter.Import(TestPaths.ReadFixture("2024_huaian_city_gov.txt")).Report;

        var lines = TextRenderer.Render(report).Split('\n');

        Assert.Equal("淮安市人民政府", lines[0]);
        Assert.Equal("2024年政府信息公开工作年度报告", lines[1]);
        Assert.Contains("一、总体情况", lines);
        Assert.Contains("行政规范性文件\t8\t26\t66", lines);
        Assert.Contains("三、本年度办理结果\t（一）予以公开\t\t1288\t21\t0\t0\t50\t3\t1362", lines);
        Assert.Contains("\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t67\t3\t0\t0\t1\t0\t71", lines);
        Assert.Contains("\t\t3.其他\t108\t2\t0\t0\t0\t0\t110", lines);
        Assert.Contains("72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20", lines);
        Assert.Contains("五、存在的主要问题及改进情况", lines);
    }

    [Fact]
    public void Contact_details_and_fee_entered_only_as_fields_are_printed_and_read_back()
    {
        var report = NewReport.Create("某县教育体育局", 2025);
        report.Opening.Contact = new Contact { Address = "某县人民路1号", Postcode = "223001", Phone = "0517-1234567", Email = "jyj@example.gov.cn", PortalUrl = "www.example.gov.cn" };
        report.OtherMatters.ProcessingFeeYuan = 120.5m;

        var text = TextRenderer.Render(report);
        var again = TextImporter.Import(text).Report;

        Assert.Contains("0517-1234567", text);
        Assert.Contains("120.5元", text);
        Assert.Equal(JsonSerializer.Serialize(report.Opening.Contact, ReportJson.Options), JsonSerializer.Serialize(again.Opening.Contact, ReportJson.Options));
        Assert.Equal(120.5m, again.OtherMatters.ProcessingFeeYuan);
    }

    [Fact]
    public void Missing_tables_stay_missing_and_are_reported_on_import()
    {
        var report = TextImporter.Import(TestPaths.ReadFixture("2024_hongze_district_gov.txt")).Report;
        report.ReviewAndLitigation = null;

        var again = TextImporter.Import(TextRenderer.Render(report));

        Assert.Null(again.Report.ReviewAndLitigation);
        var finding = Assert.Single(again.Findings);
        Assert.Equal(Rules.ImportUnreadable, finding.Rule);
        Assert.Contains("第四部分", finding.Message);
    }
}
