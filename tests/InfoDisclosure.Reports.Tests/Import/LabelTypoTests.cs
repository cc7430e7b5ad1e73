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
