using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Web;
using InfoDisclosure.Workflow.Workspace;
using InfoDisclosure.Workflow.Workspace.Views;

namespace InfoDisclosure.Workflow.Tests.Workspace;

/// <summary>The editor's form both ways, where findings point, and the import's reading, without a host.</summary>
public sealed class EditorTests
{
    private const string T4Total = "四.行政复议.总计";

    private static AnnualReport Seed() => ReportImporter.ImportText(TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt")).Report;

    [Fact]
    public void A_cleared_cell_stays_blank_distinct_from_zero_and_typed_text_is_kept_for_validation_to_name()
    {
        var opened = Seed();
        var blank = ReportCells.ApplicationWhere(ApplicationRows.NewApplications, ApplicantColumn.NaturalPerson);
        var zero = ReportCells.ApplicationWhere(ApplicationRows.NewApplications, ApplicantColumn.Other);
        var text = ReportCells.ReviewWhere(ReportCells.Reconsideration, ReportCells.Outcomes[0]);

        var result = ReportEditing.Apply(opened, new Dictionary<string, string>
        {
            [ReportEditing.CellField(blank)] = "",
            [ReportEditing.CellField(zero)] = "0",
            [ReportEditing.CellField(text)] = "１２件",
            ["t.opening"] = "第一段。\r\n\r\n  第二段。  \n",
        });

        var report = result.Report!;
        Assert.True(report.Applications!.NewApplications.NaturalPerson.IsBlank);
        Assert.Equal(Cell.Of(0), report.Applications.NewApplications.Other);
        Assert.Equal("１２件", report.ReviewAndLitigation!.AdministrativeReconsideration.Upheld.Text);
        Assert.Equal(["第一段。", "第二段。"], report.Opening.Paragraphs);
        // The opened version itself is untouched: a version is immutable.
        Assert.False(opened.Applications!.NewApplications.NaturalPerson.IsBlank);
        var findings = ReportValidator.Validate(report);
        Assert.Contains(findings, f => f.Rule == Rules.CellBlank && f.Where == blank);
        Assert.Contains(findings, f => f.Rule == Rules.CellInvalid && f.Where == text);
    }

    [Fact]
    public void A_field_too_long_refuses_the_whole_form_and_names_the_field()
    {
        var result = ReportEditing.Apply(Seed(), new Dictionary<string, string>
        {
            ["t.opening"] = "改了开头。",
            [ReportEditing.CellField(T4Total)] = new string('9', ReportEditing.MaxCellLength + 1),
        });

        Assert.Null(result.Report);
        Assert.Equal(ReportEditing.CellField(T4Total), result.Field);
        Assert.Contains(T4Total, result.Error);
    }

    [Fact]
    public void Findings_point_at_their_cell_their_part_or_their_section()
    {
        var report = Seed();
        var anchors = new EditorAnchors(report);

        Assert.Equal("c:" + T4Total, anchors.For(T4Total));
        Assert.Equal("c:三.（七）总计.自然人", anchors.For("三.自然人"));
        Assert.Equal("t.opening", anchors.For(Locations.Opening));
        var firstPart = ReportEditing.Blocks(report).First(b => b.Field == "t.1.0");
        Assert.Equal("t.1.0", anchors.For(firstPart.Where));
        Assert.Equal("s-全文", anchors.For("第12行"));
        Assert.Equal("s-五", anchors.For("五.找不到的部分"));
    }

    [Fact]
    public async Task The_editor_shows_a_broken_total_next_to_its_cell_with_the_grid_in_the_official_layout()
    {
        var report = Seed();
        report.ReviewAndLitigation!.AdministrativeReconsideration.Total = Cell.Of(99);
        var findings = ReportValidator.Validate(report);
        var entry = new ReportIndexEntry { AgencyId = "a", Year = 2022, AgencyName = report.AgencyName, CurrentVersion = 3, VersionCount = 3, Round = 1, LastComment = "请核对行政复议数据<b>" };

        var html = await PageRenderer.Standalone.RenderAsync<EditorPage>(new Dictionary<string, object?>
        {
            [nameof(EditorPage.Caller)] = new Caller("d@x.cn", "张信息员", [new RoleGrant(Roles.Drafter, "a")]),
            [nameof(EditorPage.Token)] = new FormToken("__RequestVerificationToken", "t"),
            [nameof(EditorPage.Entry)] = entry,
            [nameof(EditorPage.Report)] = report,
            [nameof(EditorPage.Findings)] = WorkspaceQueries.Group(report, findings),
        });

        var cell = html[html.IndexOf("id=\"c:" + T4Total + "\"", StringComparison.Ordinal)..];
        cell = cell[..cell.IndexOf("</td>", StringComparison.Ordinal)];
        Assert.Contains("value=\"99\"", cell);
        Assert.Contains("class=\"cell-finding error-item\"", cell);
        Assert.Contains(findings.Single(f => f.Rule == Rules.T4Total).Message, System.Net.WebUtility.HtmlDecode(cell));
        Assert.Contains("<td class=\"has-error\"><input class=\"cell\"", html);
        // The rejection comment is at the top, escaped; the form posts the version it was opened on; no script.
        Assert.Contains("请核对行政复议数据&lt;b&gt;", html);
        Assert.Contains("name=\"baseVersion\" value=\"3\"", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // Table 三 keeps the template's merged cells.
        Assert.Contains("rowspan=\"", html);
        Assert.Equal(ReportEditing.Cells(report).Count(), System.Text.RegularExpressions.Regex.Matches(html, "<input class=\"cell\"").Count);
    }

    [Fact]
    public void A_docx_of_our_own_export_imports_with_its_figures_and_a_wrong_file_is_named()
    {
        var seed = Seed();
        var (preview, refusal) = DraftImport.Read(null, "报告.docx", DocxRenderer.Render(seed));

        Assert.Null(refusal);
        Assert.Equal(2022, preview!.Report.Year);
        Assert.Equal(ReportCells.Enumerate(seed).Select(c => c.Value), ReportCells.Enumerate(preview.Report).Select(c => c.Value));

        var (_, wrongType) = DraftImport.Read(null, "报告.pdf", [1, 2, 3]);
        Assert.Equal(DraftImport.FileField, wrongType!.Field);
        var (_, broken) = DraftImport.Read(null, "报告.docx", [1, 2, 3]);
        Assert.Equal(DraftImport.FileField, broken!.Field);
        var (_, both) = DraftImport.Read("文字", "报告.txt", [1]);
        Assert.Equal(DraftImport.PasteField, both!.Field);
    }

    [Fact]
    public async Task The_totals_the_script_recomputes_are_the_sums_the_rules_check_and_only_a_page_with_a_nonce_loads_it()
    {
        var report = Seed();
        var sums = EditorTotals.For(report);
        var cells = ReportEditing.Cells(report).ToDictionary(c => ReportEditing.CellField(c.Where), c => c.Value);
        // 25 rows of 三 with their 总计, the six columns of （七）总计, the three groups of 四.
        Assert.Equal(ApplicationRows.Present(report.Applications!).Count() + ApplicantCounts.ApplicantColumns.Count + 3, sums.Count);
        foreach (var (total, parts) in sums)
        {
            Assert.Equal(cells[total].Number, parts.Split(EditorTotals.Separator).Sum(p => cells[p].Number));
        }
        // Break a part: the rule that fails names the total the script would rewrite.
        report.ReviewAndLitigation!.AdministrativeReconsideration.Upheld = Cell.Of(report.ReviewAndLitigation.AdministrativeReconsideration.Upheld.Number + 1);
        var broken = ReportValidator.Validate(report).Single(f => f.Rule == Rules.T4Total);
        Assert.Contains(ReportEditing.CellField(broken.Where), sums.Keys);

        var entry = new ReportIndexEntry { AgencyId = "a", Year = 2022, AgencyName = report.AgencyName, CurrentVersion = 1, VersionCount = 1 };
        var html = await PageRenderer.Standalone.RenderAsync<EditorPage>(new Dictionary<string, object?>
        {
            [nameof(EditorPage.Caller)] = new Caller("d@x.cn", "张信息员", [new RoleGrant(Roles.Drafter, "a")]),
            [nameof(EditorPage.Token)] = new FormToken("__RequestVerificationToken", "t"),
            [nameof(EditorPage.Entry)] = entry,
            [nameof(EditorPage.Report)] = report,
            [nameof(EditorPage.Findings)] = WorkspaceQueries.Group(report, []),
            [nameof(EditorPage.ScriptNonce)] = "bm9uY2U=",
        });
        Assert.Contains("<script src=\"/assets/totals.js\" nonce=\"bm9uY2U=\" defer></script>", html);
        Assert.Contains($"id=\"c:{T4Total}\"", html);
        Assert.Contains("data-sum=\"c:四.行政复议.结果维持|c:四.行政复议.结果纠正|c:四.行政复议.其他结果|c:四.行政复议.尚未审结\"", html);
        Assert.Equal("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; script-src 'nonce-bm9uY2U='",
            SiteAssets.PolicyWithScripts("bm9uY2U="));
    }
}
