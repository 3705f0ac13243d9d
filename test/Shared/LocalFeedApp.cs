namespace Cnn.MLNet.Tests.Shared;

/// <summary>
/// A fresh console app that takes Cnn.MLNet.Trainers (and TorchSharp-cpu) from a local package feed,
/// as a user's application would after <c>dotnet pack</c>: the package tests build one and run it.
/// </summary>
internal static class LocalFeedApp
{
    /// <summary>Writes <c>nuget.config</c> (the feed, plus the usual sources), the project and <c>Program.cs</c> into <paramref name="directory"/>.</summary>
    public static void Write(string directory, string feed, string version, string program, string projectName = "Consumer")
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="cnn-mlnet-local-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, projectName + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Cnn.MLNet.Trainers" Version="{version}" />
                <PackageReference Include="TorchSharp-cpu" Version="0.107.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
    }
}
