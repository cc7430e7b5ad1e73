using System.Text.Json;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Import;

public class ReportImporterTests
{
    [Theory]
    [InlineData("{\"agencyName\":\"x\"}", ReportSourceFormat.Json)]
    [InlineData("\uFEFF\n  {\"year\":2024}", ReportSourceFormat.Json)]
    [InlineData("<!DOCTYPE html><html><body></body></html>", ReportSourceFormat.Html)]
    [InlineData("淮安市人民政府\n<table><tr><td>1</td></tr></table>", ReportSourceFormat.Html)]
    [InlineData("淮安市人民政府\n<P class=\"x\">正文</P>", ReportSourceFormat.Html)]
    [InlineData("淮安市人民政府\n2024年政府信息公开工作年度报告\n", ReportSourceFormat.Text)]
    public void Content_is_recognised_as_json_html_or_text(string content, ReportSourceFormat expected) =>
        Assert.Equal(expected, ReportImporter.Detect(content));

    [Fact]
    public void A_text_report_quoting_a_title_in_angle_brackets_is_text()
    {
        var text = TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt");
        Assert.Contains("<中华人民共和国政府信息公开工作年度报告格式>", text);

        Assert.Equal(ReportSourceFormat.Text, ReportImporter.Detect(text));
        var result = ReportImporter.Import(text);

        Assert.Empty(result.Findings);
        Assert.Equal(ReportJson.Serialize(TextImporter.Import(text).Report), ReportJson.Serialize(result.Report));
    }

    [Fact]
    public void Json_imports_as_the_report_it_describes()
    {
        var report = TextImporter.Import(TestPaths.ReadFixture("2024_huaian_city_gov.txt")).Report;
        var json = ReportJson.Serialize(report);

        var result = ReportImporter.Import(json);

        Assert.Empty(result.Findings);
        Assert.Equal(json, ReportJson.Serialize(result.Report));
    }

    [Fact]
    public void Malformed_json_is_an_error_naming_the_field()
    {
        var ex = Assert.Throws<JsonException>(() => ReportImporter.Import("{\"year\": \"二〇二四\"}"));

        Assert.Contains("year", ex.Path);
    }
}
