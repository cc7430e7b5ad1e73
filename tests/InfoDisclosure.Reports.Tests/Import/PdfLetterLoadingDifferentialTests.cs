using System.Globalization;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Rendering;
using InfoDisclosure.Tests.Shared;
using UglyToad.PdfPig;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// The PDF importer opens documents with <see cref="Type3GlyphFilters"/>, which cuts a Type 3 glyph description after
/// its d1: PdfPig must still give every letter (text, box, baseline, size) and every path of every page exactly as it
/// does with its own filters, on pages printed by Chromium (which prints CJK text in Type 3 fonts).
/// </summary>
[Collection(ChromiumCollection.Name)]
public class PdfLetterLoadingDifferentialTests(ChromiumFixture chromium)
{
    /// <summary>Every fixture as our renderer prints it, and one fixture in every Word-style variant: printing is slow.</summary>
    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in WordStylePageCorpusTests.FixtureNames) data.Add(fixture, "renderer");
        foreach (var row in WordStylePageCorpusTests.Cases())
        {
            if ((string)row[0] == "2024_huaian_city_gov.txt") data.Add((string)row[0], (string)row[1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_printed_page_gives_the_same_letters_and_paths(string fixture, string variant)
    {
        var page = await chromium.Browser.NewPageAsync();
        byte[] pdf;
        try
        {
            if (variant == "renderer") await page.SetContentAsync(HtmlRenderer.RenderPage(ReportImporter.ImportText(TestPaths.ReadFixture(fixture)).Report));
            else
            {
                var html = WordStylePageCorpusTests.Page(fixture, variant);
                await page.RouteAsync("http://portal.test/report.html", route => route.FulfillAsync(new() { BodyBytes = html, ContentType = "text/html" }));
                await page.GotoAsync("http://portal.test/report.html");
            }
            pdf = await page.PdfAsync(new() { Format = "A4" });
        }
        finally
        {
            await page.CloseAsync();
        }

        var expected = Described(PdfDocument.Open(pdf));
        Assert.Contains(expected, line => line.StartsWith("letter", StringComparison.Ordinal));
        Assert.Equal(expected, Described(PdfDocument.Open(pdf, new ParsingOptions { FilterProvider = Type3GlyphFilters.Instance })));
    }

    private static List<string> Described(PdfDocument document)
    {
        using (document)
        {
            var lines = new List<string>();
            foreach (var page in document.GetPages())
            {
                lines.Add($"page {page.Number}");
                lines.AddRange(page.Letters.Select(l => string.Create(CultureInfo.InvariantCulture,
                    $"letter {l.Value} {l.BoundingBox} {l.StartBaseLine} {l.EndBaseLine} {l.PointSize} {l.FontSize} {l.Width}")));
                lines.AddRange(page.Paths.Select(p => string.Create(CultureInfo.InvariantCulture,
                    $"path {p.IsFilled} {p.IsStroked} {string.Join(" ", p.Select(s => s.GetBoundingRectangle()?.ToString() ?? "-"))}")));
            }
            return lines;
        }
    }

    [Theory]
    [InlineData("256 0 71 -187 185 4 d1\n75 -187 m\n185 -187 l", "256 0 71 -187 185 4 d1")]
    [InlineData(" 1000 0 -2.5 -10 980.25 900 d1 q", " 1000 0 -2.5 -10 980.25 900 d1")]
    [InlineData("256 0 d0\n0 0 m 1 1 l S 0 0 0 0 0 0 d1", "")]
    [InlineData("1 2 3 4 5 6 7 d1\n", "")]
    [InlineData("256 0 71 -187 185 4 d1m", "")]
    [InlineData("q 1 0 0 1 0 0 cm BT /F1 12 Tf (x) Tj ET Q", "")]
    public void Only_a_glyph_description_that_starts_with_d1_is_cut_after_it(string content, string kept)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(content);
        Assert.Equal(kept, System.Text.Encoding.ASCII.GetString(bytes, 0, Type3GlyphFilters.GlyphDescriptionStart(bytes)));
    }
}
