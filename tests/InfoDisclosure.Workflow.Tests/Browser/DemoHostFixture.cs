using InfoDisclosure.Workflow.Tests.Hosting;
using Microsoft.Playwright;

namespace InfoDisclosure.Workflow.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class DemoHostCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "Local host in Development with the demo, its dev mailbox and one Chromium";
}

/// <summary>
/// The local host as a stranger starts it: Development, no SMTP server (so the dev mailbox catches the mail), the
/// development portal, and the demo agency with its seed report. One headless Chromium serves the tests.
/// </summary>
public sealed class DemoHostFixture : IAsyncLifetime
{
    public const string DemoAgency = "demo-hongsibu";
    public const int DemoYear = 2022;

    private SharedChromium.Lease? chromium;

    public LocalHostFixture Host { get; private set; } = null!;
    public IBrowser Browser => chromium?.Browser ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        Host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["LocalHost__SeedDemo"] = "true",
            },
            StartTimeout = TimeSpan.FromMinutes(3),
            HostRunsDevMailbox = true,
        });
        chromium = await SharedChromium.LeaseAsync();
    }

    /// <summary>A fresh browser profile (no cookies) at phone or desktop width.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 375) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = Host.BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 812 : 900 },
        IsMobile = width < 600,
        HasTouch = width < 600,
        Locale = "zh-CN",
    });

    public async Task DisposeAsync()
    {
        if (chromium is not null) await chromium.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
    }
}
