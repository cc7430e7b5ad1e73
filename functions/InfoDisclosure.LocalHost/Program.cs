using InfoDisclosure.LocalHost.Hosting;
using InfoDisclosure.LocalHost.Observability;
using InfoDisclosure.LocalHost.Seed;
using InfoDisclosure.Workflow;
using InfoDisclosure.Workflow.Dev.Deadlines;
using InfoDisclosure.Workflow.Dev.Maintenance;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Dev.Publishing;
using InfoDisclosure.Workflow.Hosting;
using Microsoft.DurableTask.Client;

// The local host: the shared workflow on the Durable Task engine against Azurite, the same routes as the Functions app.
var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
var paths = LocalPaths.Resolve(configuration, builder.Environment);

await using var azurite = await DevelopmentStorage.EnsureAsync(configuration, builder.Environment, paths.RepoRoot, paths.AzuriteData, CancellationToken.None);
var apiKey = LocalApiKey.Ensure(configuration, builder.Environment, paths.DataDirectory);

var grpcPort = DurableTaskSidecar.ChooseGrpcPort(configuration);
builder.ListenOnApiUrlsAndSidecar(grpcPort);
// What SIGTERM or Ctrl+C waits for at most: requests still running. Engine work in flight is abandoned and resumed at
// the next start, as after a crash, so there is nothing to wait for beyond a short request.
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
// Development only: DevClock__StartAt=2027-01-20T08:59:00+08:00 runs the injected clock from that instant (see DevClock).
builder.Services.AddDevClock(configuration, builder.Environment);
builder.Services.AddInfoDisclosureWorkflow(configuration);
// Deadline reminders and the January 1 roll-over every Deadlines__TickSeconds (the Functions app: its timer trigger).
builder.Services.AddHostedService<DeadlineTicker>();
// The health gauges of the alerts, and the purge of finished instances past their retention (the Functions app: its timers).
builder.Services.AddHostedService<MaintenanceTicker>();
// No mail server configured: catch the mail in an embedded SMTP server and show it at /dev/mailbox.
if (string.IsNullOrWhiteSpace(configuration["Smtp:Host"])) builder.Services.AddInfoDisclosureDevMailbox();
// No portal configured in Development: publish to the host's own portal stand-in and show it at /dev/portal.
if (builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["Portal:Endpoint"])) builder.Services.AddInfoDisclosureDevPortal();
var testing = TestingMode.IsEnabled(configuration);
if (testing)
{
    builder.Services.AddTestingClock();
    builder.AddCostProfile(configuration["AzureWebJobsStorage"] ?? "");
}
using var channel = builder.AddDurableTaskSidecar(configuration["AzureWebJobsStorage"]!, grpcPort, registry =>
{
    registry.AddInfoDisclosureTasks();
    if (testing) registry.AddTestingTasks(configuration);
});
// Testing mode only: the crash tests' fault injection (SIGKILL at the listed activity boundaries, see CrashPlan).
if (testing) builder.Services.AddCrashPlan(configuration);
builder.AddInfoDisclosureTelemetry();
// An exception in a handler answers problem details (title and trace id) in every environment: never a stack trace.
builder.Services.AddProblemDetails();

var app = builder.Build();
// Outside Development a missing Api__Key, PublicBaseUrl or AzureWebJobsStorage stops the host here, naming the setting.
if (!RequiredSettings.Check(app.Services, Console.Error)) return 1;
// Security headers on every response, including 404s, errors and the dev pages (the Functions app: SecurityHeadersMiddleware).
app.Use((http, next) =>
{
    InfoDisclosure.Workflow.Access.SecurityHeaders.Register(http);
    return next(http);
});
app.UseExceptionHandler();
var stopping = app.Lifetime.ApplicationStopping;
await app.MapDurableTaskSidecarAsync(grpcPort, stopping);
await WorkflowHosting.EnsureStorageAsync(app.Services, stopping);
app.MapInfoDisclosureRoutes();
if (testing) app.MapTestingEndpoints();

await app.StartAsync(stopping);
// Calls that need the engine get 503 until it answers; the demo seed and the ready line (which scripts and the tests
// wait for) come after that.
await app.Services.GetRequiredService<EngineReadiness>().WaitUntilConnectedAsync(app.Services.GetRequiredService<DurableTaskClient>(), stopping);
var demo = configuration.GetValue("LocalHost:SeedDemo", true)
    ? await DemoSeed.TryEnsureAsync(StartupBanner.LocalBaseAddress(app, grpcPort), apiKey, paths.SeedReport, stopping)
    : null;
StartupBanner.Print(app, apiKey, paths, grpcPort, demo);
await app.WaitForShutdownAsync();
return 0;
