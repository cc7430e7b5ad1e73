using InfoDisclosure.Functions;
using InfoDisclosure.Workflow;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The production host: every trigger delegates to the shared workflow library (see ApiFunctions and TaskFunctions).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddInfoDisclosureWorkflow(builder.Configuration);
builder.AddInfoDisclosureTelemetry();

var app = builder.Build();
await WorkflowHosting.EnsureStorageAsync(app.Services, CancellationToken.None);
await app.RunAsync();
