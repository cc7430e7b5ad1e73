using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Generators;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>Whatever happens to the text, the importer neither invents a figure nor loses one without saying so.</summary>
public class TextImportPropertyTests
{
    /// <summary>Every figure of the tables with its place; a table the report lacks gives blanks.</summary>
    private static IEnumerable<(string Where, Cell Cell)> TableCells(AnnualReport report, AnnualReport shape)
    {
        var p = report.ProactiveDisclosure ?? new ProactiveDisclosure();
        Cell[] proactive =
        [
            p.Rules.Issued, p.Rules.Repealed, p.Rules.InForce, p.NormativeDocuments.Issued, p.NormativeDocuments.Repealed,
            p.NormativeDocuments.InForce, p.AdministrativeLicensing, p.AdministrativePunishment, p.AdministrativeCoercion, p.AdministrativeFees,
        ];
        for (var i = 0; i < proactive.Length; i++) yield return ($"二.{i}", proactive[i]);

        foreach (var (row, _) in ApplicationRows.Present(shape.Applications!))
        {
            var counts = report.Applications is { } t ? row.Get(t) : null;
            foreach (var column in ApplicantCounts.Columns) yield return ($"三.{row.Where}.{column}", counts?[column] ?? Cell.Blank);
        }

        var r = report.ReviewAndLitigation ?? new ReviewAndLitigation();
        OutcomeGroup[] groups = [r.AdministrativeReconsideration, r.LitigationWithoutReconsideration, r.LitigationAfterReconsideration];
        var k = 0;
        foreach (var g in groups)
        {
            foreach (var cell in new[] { g.Upheld, g.Corrected, g.OtherResult, g.Pending, g.Total }) yield return ($"四.{k++}", cell);
        }
    }

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 300)]
    public void Losing_any_one_line_never_invents_a_figure_nor_drops_one_silently(AnnualReport report, int seed)
    {
        var lines = TextRenderer.Render(report).Split('\n').ToList();
        // FsCheck's integers start small; hashing them spreads the pick over the whole text.
        var removed = new Random(seed).Next(lines.Count);
        lines.RemoveAt(removed);

        var result = TextImporter.Import(string.Join('\n', lines));

        var before = TableCells(report, report).ToList();
        var after = TableCells(result.Report, report).ToList();
        for (var i = 0; i < before.Count; i++)
        {
            if (after[i].Cell == before[i].Cell) continue;
            Assert.True(after[i].Cell.IsBlank, $"{after[i].Where}: {before[i].Cell} became {after[i].Cell} after removing line {removed + 1}");
            Assert.NotEmpty(result.Findings);
        }
    }

    [Property(MaxTest = 300)]
    public void Any_text_imports_without_throwing(string text) =>
        Assert.NotNull(TextImporter.Import(text ?? "").Report);

    [Property(Arbitrary = [typeof(ReportArbitraries)], MaxTest = 100)]
    public void Any_mix_of_a_rendered_reports_lines_imports_without_throwing(AnnualReport report, int seed)
    {
        var lines = TextRenderer.Render(report).Split('\n');
        new Random(seed).Shuffle(lines);

        var result = TextImporter.Import(string.Join('\n', lines));

        Assert.NotNull(result.Report);
    }
}
