using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
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

    /// <summary>The 洪泽 report with a row label of section 二 and a header label of section 四 mistyped too.</summary>
    private static string HongzeWithTableTypos() => TestPaths.ReadFixture("2023_hongze_district_gov.txt")
        .Replace("行政处罚\t", "行政处法\t", StringComparison.Ordinal)
        .Replace("行政复议\t\t\t\t\t行政诉讼", "行政法复议\t\t\t\t\t行政诉讼", StringComparison.Ordinal)
        .Replace("\t未经复议直接起诉\t", "\t未经复议直接起述\t", StringComparison.Ordinal);

    private static readonly string[] HongzeTableTypos =
    [
        "第二部分的行名印为“行政处法”，模板为“行政处罚”。",
        "第三部分（三）不予公开的行名印为“其他法律行政止公开”，模板为“其他法律行政法规禁止公开”。",
        "第四部分的表头印为“行政法复议”，模板为“行政复议”。",
        "第四部分的表头印为“未经复议直接起述”，模板为“未经复议直接起诉”。",
    ];

    [Fact]
    public void Mistyped_labels_of_the_tables_of_sections_two_and_four_are_named_with_the_templates_wording()
    {
        var text = HongzeWithTableTypos();
        Assert.Equal(4, HongzeTableTypos.Length);

        var result = ReportImporter.ImportText(text);

        Assert.Equal(HongzeTableTypos, result.Findings.Where(f => f.Rule == Rules.LabelTypo).Select(f => f.Message));
        Assert.All(result.Findings.Where(f => f.Rule == Rules.LabelTypo), f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.DoesNotContain(result.Findings, f => f.Rule == Rules.ImportUnreadable);
        // Read tolerantly all the same.
        Assert.Equal(ReportJson.Serialize(ReportImporter.ImportText(TestPaths.ReadFixture("2023_hongze_district_gov.txt")).Report), ReportJson.Serialize(result.Report));
    }

    /// <summary>"未经复议直接起诉" has eight characters: two may be mistyped (one in four), a third makes it no label of the template.</summary>
    [Theory]
    [InlineData("未经复仪直接起述", true)]
    [InlineData("未经复仪直按起述", false)]
    [InlineData("未经复议直接起诉书面", true)]
    [InlineData("未经复议直接起诉书面文", false)]
    public void A_header_label_is_a_typo_up_to_one_character_in_four(string printed, bool typo)
    {
        var text = TestPaths.ReadFixture("2023_hongze_district_gov.txt").Replace("\t未经复议直接起诉\t", $"\t{printed}\t", StringComparison.Ordinal);
        Assert.Contains(printed, text);

        var typos = ReportImporter.ImportText(text).Findings.Where(f => f.Rule == Rules.LabelTypo && f.Message.StartsWith("第四部分", StringComparison.Ordinal)).Select(f => f.Message);

        Assert.Equal(typo ? [$"第四部分的表头印为“{printed}”，模板为“未经复议直接起诉”。"] : [], typos);
    }

    [Fact]
    public void A_portal_page_and_a_word_document_with_the_table_typos_name_them_as_the_text_does()
    {
        var text = HongzeWithTableTypos();
        var page = new WordGridPage();

        var fromPage = ReportImporter.ImportHtml(page.Bytes(page.Write(text)));

        Assert.Equal(HongzeTableTypos, fromPage.Findings.Where(f => f.Rule == Rules.LabelTypo).Select(f => f.Message));
        Assert.All(fromPage.Findings.Where(f => f.Rule == Rules.LabelTypo), f => Assert.Matches(@"^第\d+行$", f.Where));
        Assert.DoesNotContain(fromPage.Findings, f => f.Rule == Rules.ImportUnreadable);
        Assert.Equal(ReportJson.Serialize(ReportImporter.ImportText(text).Report), ReportJson.Serialize(fromPage.Report));
    }

    [Theory]
    [InlineData("2023_hongze_district_gov.txt")]
    [InlineData("2024_hongze_district_gov.txt")]
    public void The_hongze_reports_have_no_other_label_typo_than_their_row_of_section_three(string fixture) =>
        Assert.Equal(["第三部分（三）不予公开的行名印为“其他法律行政止公开”，模板为“其他法律行政法规禁止公开”。"],
            ReportImporter.ImportText(TestPaths.ReadFixture(fixture)).Findings.Where(f => f.Rule == Rules.LabelTypo).Select(f => f.Message));

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
