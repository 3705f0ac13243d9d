namespace Cnn.MLNet.Trainers.Tests.Runtime;

/// <summary>
/// A consumer of the Cnn.MLNet.Trainers NuGet package, outside this repository (so none of our
/// Directory.Build files apply), gets the native fix from the package's buildTransitive targets
/// alone, and TorchSharp then runs in it.
/// </summary>
public class PackageConsumerBuildTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_project_consuming_the_package_gets_its_own_copy_patched_and_runs_TorchSharp()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        string version = "0.0.0-consumertest." + Guid.NewGuid().ToString("N")[..8];
        using var dir = TestEnvironment.CreateTempDirectory();
        string feed = Path.Combine(dir.Path, "feed"), app = Path.Combine(dir.Path, "app");
        Directory.CreateDirectory(app);
        try
        {
            foreach (var project in new[] { "src/Transforms/Cnn.MLNet.Transforms.csproj", "src/Trainers/Cnn.MLNet.Trainers.csproj" })
                DotnetCli.Run(TestEnvironment.RepositoryRoot, Limit, "pack", project, "--no-build",
                    "-c", TestEnvironment.BuildConfiguration, "-o", feed, $"-p:PackageVersion={version}",
                    $"-p:NuspecOutputPath={Path.Combine(dir.Path, "nuspec")}/").EnsureSuccess("dotnet pack " + project);
            WriteConsumer(app, feed, version);

            var build = DotnetCli.Run(app, Limit, "build", "-v", "n").EnsureSuccess("building the consumer");
            var run = DotnetCli.Run(app, Limit, "run", "--no-build").EnsureSuccess("running the consumer");

            Assert.Contains("sum=4", run.Output);
            string copy = Path.Combine(app, "bin", "Debug", "net10.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
            bool systemIsOld = !LibStdCxxCompatibilityPatch.ReadDefinedVersions(LibStdCxxCompatibilityPatch.FindSystemLibStdCxx()!).Contains("GLIBCXX_3.4.32");
            Assert.Equal(systemIsOld ? LibStdCxxPatchState.Patched : LibStdCxxPatchState.NotNeeded, LibStdCxxCompatibilityPatch.Inspect(copy).State);
            if (systemIsOld) Assert.Contains("marked GLIBCXX_3.4.32 weak", build.Output);
        }
        finally
        {
            // Keep the global packages folder free of throw-away test versions.
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "cnn.mlnet.transforms", "cnn.mlnet.trainers" })
            {
                string cached = Path.Combine(packages, id, version);
                if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
            }
        }
    }

    private static void WriteConsumer(string app, string feed, string version) => LocalFeedApp.Write(app, feed, version, """
            Cnn.MLNet.Trainers.TorchRuntime.EnsureInitialized();
            using var ones = TorchSharp.torch.ones(2, 2);
            Console.WriteLine("sum=" + ones.sum().item<float>());
            """);
}
