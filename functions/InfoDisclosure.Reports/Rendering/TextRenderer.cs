using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Rendering;

public static class TextRenderer
{
    public static string Render(AnnualReport report) => throw new NotImplementedException();
}
