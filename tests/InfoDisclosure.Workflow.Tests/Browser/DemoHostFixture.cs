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
    public const string Chromium = "/usr/bin/chromium";
    public const string DemoAgency = "demo-hongsibu";
    public const int DemoYear = 2022;

    private IPlaywright? playwright;

    public LocalHostFixture Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package 'chromium' (.ci/run does).");
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
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
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
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}
