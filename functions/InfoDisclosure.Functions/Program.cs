using InfoDisclosure.Functions;
using InfoDisclosure.Workflow;
using InfoDisclosure.Workflow.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The production host: every trigger delegates to the shared workflow library (see ApiFunctions and TaskFunctions).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<SecurityHeadersMiddleware>();
builder.UseMiddleware<HttpExceptionHandler>();
builder.Services.AddProblemDetails();
builder.Services.AddInfoDisclosureWorkflow(builder.Configuration);
builder.AddInfoDisclosureTelemetry();

var app = builder.Build();
// Outside Development a missing Api__Key, PublicBaseUrl or AzureWebJobsStorage stops the worker here, naming the setting.
if (!RequiredSettings.Check(app.Services, Console.Error)) return 1;
await WorkflowHosting.EnsureStorageAsync(app.Services, CancellationToken.None);
await app.RunAsync();
return 0;
