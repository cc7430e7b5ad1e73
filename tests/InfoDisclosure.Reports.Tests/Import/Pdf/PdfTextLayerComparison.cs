using System.Globalization;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Import.Pdf;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Tests.Import.Pdf;

/// <summary>Our PDF reader against PdfPig: the same import, the same letters and drawn paths.</summary>
internal static class PdfTextLayerComparison
{
    private const double Tolerance = 0.01;

    /// <summary>
    /// Our reader reads the document (it must: else the test would compare PdfPig with itself), and the report and
    /// findings imported from what it read are those imported from what PdfPig read. Returns both readings.
    /// </summary>
    public static (PdfTextLayer Ours, PdfTextLayer PdfPig) AssertSameImport(byte[] pdf)
    {
        var ours = PdfTextLayerReader.Read(pdf);
        var pdfPig = PdfPigTextLayer.Read(pdf);
        var (expected, actual) = (PdfImporter.Import(pdfPig), PdfImporter.Import(ours));
        Assert.Equal(Described(expected.Findings), Described(actual.Findings));
        Assert.Equal(ReportJson.Serialize(expected.Report), ReportJson.Serialize(actual.Report));
        return (ours, pdfPig);
    }

    private static List<string> Described(IEnumerable<Finding> findings) => findings.Select(f => $"{f.Rule} {f.Severity} {f.Where} {f.Message}").ToList();

    /// <summary>
    /// Every letter in the same order, with the same text and size, and its baseline's ends within 0.01 pt; every
    /// drawn path with the same fill and stroke, its subpaths' boxes within 0.01 pt and rectangles alike. Letters'
    /// boxes are not compared: ours come from the font's descriptor, PdfPig's from the glyphs' outlines.
    /// </summary>
    public static void AssertSameLettersAndPaths(PdfTextLayer expected, PdfTextLayer actual)
    {
        Assert.Equal(expected.Producer, actual.Producer);
        Assert.Equal(expected.Pages.Count, actual.Pages.Count);
        for (var p = 0; p < expected.Pages.Count; p++)
        {
            var (want, got) = (expected.Pages[p].Letters, actual.Pages[p].Letters);
            for (var i = 0; i < Math.Min(want.Count, got.Count); i++)
            {
                var (w, g) = (want[i], got[i]);
                if (w.Value != g.Value || w.PointSize != g.PointSize || !Near(w.StartBaseLine, g.StartBaseLine) || !Near(w.EndBaseLine, g.EndBaseLine))
                {
                    Assert.Fail($"Page {p + 1}, letter {i}: PdfPig read {Letter(w)}, ours {Letter(g)}.");
                }
            }
            Assert.Equal(want.Count, got.Count);
            Assert.Equal(expected.Pages[p].Paths.Count, actual.Pages[p].Paths.Count);
            for (var i = 0; i < expected.Pages[p].Paths.Count; i++)
            {
                var (w, g) = (expected.Pages[p].Paths[i], actual.Pages[p].Paths[i]);
                var same = w.IsFilled == g.IsFilled && w.IsStroked == g.IsStroked && w.Subpaths.Count == g.Subpaths.Count
                    && w.Subpaths.Zip(g.Subpaths).All(s => s.First.IsRectangle == s.Second.IsRectangle && Near(s.First.Box, s.Second.Box));
                if (!same) Assert.Fail($"Page {p + 1}, path {i}: PdfPig read {Path(w)}, ours {Path(g)}.");
            }
        }
    }

    private static bool Near(PdfPoint a, PdfPoint b) => Math.Abs(a.X - b.X) <= Tolerance && Math.Abs(a.Y - b.Y) <= Tolerance;

    private static bool Near(PdfBox a, PdfBox b) =>
        Math.Abs(a.Left - b.Left) <= Tolerance && Math.Abs(a.Bottom - b.Bottom) <= Tolerance && Math.Abs(a.Right - b.Right) <= Tolerance && Math.Abs(a.Top - b.Top) <= Tolerance;

    private static string Letter(PdfLetter l) => string.Create(CultureInfo.InvariantCulture,
        $"'{l.Value}' {l.PointSize}pt from ({l.StartBaseLine.X:F3}, {l.StartBaseLine.Y:F3}) to ({l.EndBaseLine.X:F3}, {l.EndBaseLine.Y:F3})");

    private static string Path(PdfDrawnPath p) => string.Create(CultureInfo.InvariantCulture,
        $"filled {p.IsFilled} stroked {p.IsStroked} {string.Join(" ", p.Subpaths.Select(s => $"[{s.Box.Left:F3} {s.Box.Bottom:F3} {s.Box.Right:F3} {s.Box.Top:F3}{(s.IsRectangle ? " rectangle" : "")}]"))}");
}
