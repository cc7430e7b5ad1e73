using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Rendering;

public static class HtmlRenderer
{
    /// <summary>A standalone printable page.</summary>
    public static string RenderPage(AnnualReport report) => throw new NotImplementedException();

    /// <summary>The report body for embedding in a portal page.</summary>
    public static string RenderFragment(AnnualReport report) => throw new NotImplementedException();
}
