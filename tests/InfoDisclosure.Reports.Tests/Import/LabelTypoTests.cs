using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>LABEL.TYPO: a label read tolerantly that is not the template's wording is named, with both wordings.</summary>
public class LabelTypoTests
{
    [Theory]
    [InlineData("2023_hongze_district_gov.txt", "第37行")]
    [InlineData("2024_hongze_district_gov.txt", "第36行")]
    public void The_hongze_reports_mistyped_row_label_is_named_with_the_templates_wording(string fixture, string where)
    {
        var result = ReportImporter.ImportText(TestPaths.ReadFixture(fixture));

        var typo = Assert.Single(result.Findings, f => f.Rule == Rules.LabelTypo);
        Assert.Equal((Severity.Warning, where), (typo.Severity, typo.Where));
        Assert.Equal("第三部分（三）不予公开的行名印为“其他法律行政止公开”，模板为“其他法律行政法规禁止公开”。", typo.Message);
        // Read tolerantly all the same: the row's figures are in the report.
        Assert.Equal(0m, result.Report.Applications!.NotDisclosed.ProhibitedByLaw.Total.Value);
    }

    [Theory]
    [InlineData("2022_hongsibu_approval_bureau.txt")]
    [InlineData("2024_huaian_city_gov.txt")]
    [InlineData("2019_shanghai_gov_office_OLD_FORMAT.txt")]
    public void Labels_printed_as_the_template_has_them_give_no_finding(string fixture) =>
        Assert.DoesNotContain(ReportImporter.ImportText(TestPaths.ReadFixture(fixture)).Findings, f => f.Rule == Rules.LabelTypo);

    [Fact]
    public void A_mistyped_section_heading_is_named_with_the_templates_wording()
    {
        var text = TestPaths.ReadFixture("2024_huaian_city_gov.txt")
            .Replace("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政法复议、行政诉讼情况", StringComparison.Ordinal);

        var result = ReportImporter.ImportText(text);

        var typo = Assert.Single(result.Findings, f => f.Rule == Rules.LabelTypo);
        Assert.Equal((Severity.Warning, "第56行"), (typo.Severity, typo.Where));
        Assert.Equal("第四部分的标题印为“四、政府信息公开行政法复议、行政诉讼情况”，模板为“四、政府信息公开行政复议、行政诉讼情况”。", typo.Message);
        // Read all the same: the section's table is in the report.
        Assert.False(result.Report.ReviewAndLitigation!.AdministrativeReconsideration.Total.IsBlank);
    }

    [Theory]
    [InlineData("五、存在的主要问题及改进情况", "五、存在主要问题及改进情况")]
    [InlineData("一、总体情况", "一、工作总体情况")]
    [InlineData("六、其他需要报告的事项", "六、其他需要报告事项")]
    public void A_heading_worded_as_reports_word_it_is_no_typo(string template, string printed)
    {
        var text = TestPaths.ReadFixture("2024_huaian_city_gov.txt").Replace(template, printed, StringComparison.Ordinal);
        Assert.Contains(printed, text);
        Assert.DoesNotContain(ReportImporter.ImportText(text).Findings, f => f.Rule == Rules.LabelTypo);
    }

    [Fact]
    public void Full_width_digits_and_spaces_in_a_label_are_no_typo()
    {
        var text = TestPaths.ReadFixture("2024_huaian_city_gov.txt").Replace("1.属于国家秘密\t", "１. 属于 国家秘密\t", StringComparison.Ordinal);
        Assert.NotEqual(TestPaths.ReadFixture("2024_huaian_city_gov.txt"), text);
        Assert.DoesNotContain(ReportImporter.ImportText(text).Findings, f => f.Rule == Rules.LabelTypo);
    }

    [Fact]
    public void A_portal_page_with_the_typo_names_it_at_the_row_of_the_page()
    {
        var page = new WordGridPage();
        var result = ReportImporter.ImportHtml(page.Bytes(page.Write(TestPaths.ReadFixture("2023_hongze_district_gov.txt"))));

        var typo = Assert.Single(result.Findings, f => f.Rule == Rules.LabelTypo);
        Assert.Matches(@"^第\d+行$", typo.Where);
        Assert.Contains("“其他法律行政止公开”", typo.Message);
    }
}
