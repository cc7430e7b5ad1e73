using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Rendering;

public static class DocxRenderer
{
    public static byte[] Render(AnnualReport report) => throw new NotImplementedException();
}
