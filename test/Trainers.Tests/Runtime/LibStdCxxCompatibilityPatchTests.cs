using System.Runtime.InteropServices;

namespace Cnn.MLNet.Trainers.Tests.Runtime;

/// <summary>
/// The build-time fix for libLibTorchSharp.so on systems with a libstdc++ older than GCC 13,
/// exercised on the real TorchSharp 0.107.0 library. Tests that simulate an old system pass the
/// available versions explicitly, so they mean the same thing on any machine.
/// </summary>
public class LibStdCxxCompatibilityPatchTests
{
    private const string MissingOnDebian12 = "GLIBCXX_3.4.32";

    // What Debian 12's libstdc++ (GCC 12) offers, as far as libLibTorchSharp cares: every version it
    // requires except GLIBCXX_3.4.32.
    private static IReadOnlyCollection<string> OldSystemVersions(ElfVersionTables tables) =>
        tables.Requirements.Where(r => r.File == LibStdCxxCompatibilityPatch.LibStdCxx && r.Version != MissingOnDebian12)
            .Select(r => r.Version).ToHashSet();

    private static ElfVersionTables ReadTables(string path) =>
        ElfVersionTables.TryRead(File.ReadAllBytes(path)) ?? throw new InvalidOperationException(path + " is not ELF64");

    private static string CopyOriginal(TestEnvironment.TempDirectory dir)
    {
        string copy = Path.Combine(dir.Path, "libLibTorchSharp.so");
        File.Copy(TestEnvironment.OriginalLibTorchSharp, copy);
        return copy;
    }

    [Fact]
    public void Original_requires_GLIBCXX_3_4_32_strongly_but_no_relocation_uses_it()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        var tables = ReadTables(TestEnvironment.OriginalLibTorchSharp);
        var libStdCxx = tables.Requirements.Where(r => r.File == "libstdc++.so.6").ToList();

        var newest = Assert.Single(libStdCxx, r => r.Version == MissingOnDebian12);
        Assert.False(newest.IsWeak);
        Assert.False(newest.UsedByRelocation);
        // The relocation analysis is not vacuous: symbols of older versions are really bound.
        Assert.Contains(libStdCxx, r => r.Version == "GLIBCXX_3.4.30" && r.UsedByRelocation);
        Assert.True(libStdCxx.Count(r => r.UsedByRelocation) >= 10);
    }

    [Fact]
    public void Unpatched_copy_is_detected_as_needing_the_patch()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        var original = TestEnvironment.OriginalLibTorchSharp;

        var report = LibStdCxxCompatibilityPatch.Inspect(original, LibStdCxxPatchMode.Auto, OldSystemVersions(ReadTables(original)));

        Assert.Equal(LibStdCxxPatchState.NeedsPatch, report.State);
        Assert.Equal(new[] { MissingOnDebian12 }, report.Weakened);
        Assert.Contains("not yet marked weak", report.Message);
    }

    [Fact]
    public void Patch_sets_exactly_one_flag_bit_and_changes_nothing_else()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        using var dir = TestEnvironment.CreateTempDirectory();
        string copy = CopyOriginal(dir);
        byte[] before = File.ReadAllBytes(copy);
        var entry = ReadTables(copy).Requirements.Single(r => r.Version == MissingOnDebian12);
        var modeBefore = File.GetUnixFileMode(copy);
        var timeBefore = File.GetLastWriteTimeUtc(copy);

        var report = LibStdCxxCompatibilityPatch.Apply(copy, LibStdCxxPatchMode.Auto, OldSystemVersions(ReadTables(copy)));

        Assert.Equal(LibStdCxxPatchState.Patched, report.State);
        byte[] after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        Assert.Equal(new[] { (int)entry.FlagsOffset }, changed);           // vna_flags' low byte, nothing else
        Assert.Equal(before[entry.FlagsOffset] | ElfVersionTables.WeakFlag, after[entry.FlagsOffset]);
        Assert.True(ReadTables(copy).Requirements.Single(r => r.Version == MissingOnDebian12).IsWeak);
        Assert.Equal(modeBefore, File.GetUnixFileMode(copy));
        Assert.Equal(timeBefore, File.GetLastWriteTimeUtc(copy));
    }

    [Fact]
    public void Patching_twice_changes_nothing_the_second_time()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        using var dir = TestEnvironment.CreateTempDirectory();
        string copy = CopyOriginal(dir);
        var available = OldSystemVersions(ReadTables(copy));
        LibStdCxxCompatibilityPatch.Apply(copy, LibStdCxxPatchMode.Auto, available);
        byte[] once = File.ReadAllBytes(copy);
        var inode = new FileInfo(copy).LastWriteTimeUtc;

        var second = LibStdCxxCompatibilityPatch.Apply(copy, LibStdCxxPatchMode.Auto, available);

        Assert.Equal(LibStdCxxPatchState.Patched, second.State);
        Assert.Empty(second.Weakened);
        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Equal(inode, new FileInfo(copy).LastWriteTimeUtc);
    }

    [Fact]
    public void Nothing_changes_where_the_system_libstdcxx_has_every_version()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        using var dir = TestEnvironment.CreateTempDirectory();
        string copy = CopyOriginal(dir);
        var everything = ReadTables(copy).Requirements.Select(r => r.Version).ToHashSet();

        var report = LibStdCxxCompatibilityPatch.Apply(copy, LibStdCxxPatchMode.Auto, everything);

        Assert.Equal(LibStdCxxPatchState.NotNeeded, report.State);
        Assert.Equal(File.ReadAllBytes(TestEnvironment.OriginalLibTorchSharp), File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_missing_version_that_relocations_use_is_refused_and_the_file_left_alone()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        using var dir = TestEnvironment.CreateTempDirectory();
        string copy = CopyOriginal(dir);
        var tooOld = OldSystemVersions(ReadTables(copy)).Where(v => v != "GLIBCXX_3.4.30").ToHashSet();

        var report = LibStdCxxCompatibilityPatch.Apply(copy, LibStdCxxPatchMode.Auto, tooOld);

        Assert.Equal(LibStdCxxPatchState.Unpatchable, report.State);
        Assert.Equal(new[] { "GLIBCXX_3.4.30" }, report.Blocking);
        Assert.Contains("GCC 13", report.Message);
        Assert.Equal(File.ReadAllBytes(TestEnvironment.OriginalLibTorchSharp), File.ReadAllBytes(copy));
    }

    [Fact]
    public void Always_mode_weakens_every_unused_libstdcxx_requirement_and_no_used_one()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        using var dir = TestEnvironment.CreateTempDirectory();
        string copy = CopyOriginal(dir);
        var unused = ReadTables(copy).Requirements.Where(r => r.File == "libstdc++.so.6" && !r.UsedByRelocation).Select(r => r.Version).ToList();

        var report = LibStdCxxCompatibilityPatch.Apply(copy, LibStdCxxPatchMode.Always);

        Assert.Equal(LibStdCxxPatchState.Patched, report.State);
        Assert.Equal(unused, report.Weakened);
        Assert.Contains(MissingOnDebian12, unused);
        foreach (var r in ReadTables(copy).Requirements)
            Assert.Equal(r.File == "libstdc++.so.6" && !r.UsedByRelocation, r.IsWeak);
    }

    [Fact]
    public void Patching_a_hard_link_never_writes_through_to_the_other_name()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        using var dir = TestEnvironment.CreateTempDirectory();
        string cacheStandIn = CopyOriginal(dir);
        string outputCopy = Path.Combine(dir.Path, "output-libLibTorchSharp.so");
        Assert.Equal(0, link(cacheStandIn, outputCopy)); // what CreateHardLinksForCopyLocalIfPossible does

        LibStdCxxCompatibilityPatch.Apply(outputCopy, LibStdCxxPatchMode.Auto, OldSystemVersions(ReadTables(outputCopy)));

        Assert.True(ReadTables(outputCopy).Requirements.Single(r => r.Version == MissingOnDebian12).IsWeak);
        Assert.Equal(File.ReadAllBytes(TestEnvironment.OriginalLibTorchSharp), File.ReadAllBytes(cacheStandIn));
    }

    [Fact]
    public void The_build_patched_this_test_projects_copy_and_left_the_NuGet_cache_alone()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        var system = LibStdCxxCompatibilityPatch.FindSystemLibStdCxx();
        Assert.NotNull(system); // .NET itself links libstdc++ on Linux
        bool systemIsOld = !LibStdCxxCompatibilityPatch.ReadDefinedVersions(system!).Contains(MissingOnDebian12);

        var output = LibStdCxxCompatibilityPatch.Inspect(TestEnvironment.OutputLibTorchSharp);
        var cache = ReadTables(TestEnvironment.OriginalLibTorchSharp).Requirements.Single(r => r.Version == MissingOnDebian12);

        Assert.Equal(systemIsOld ? LibStdCxxPatchState.Patched : LibStdCxxPatchState.NotNeeded, output.State);
        Assert.False(cache.IsWeak);
    }

    [Fact]
    public void Files_that_are_not_ELF64_are_not_applicable()
    {
        using var dir = TestEnvironment.CreateTempDirectory();
        string text = Path.Combine(dir.Path, "notes.txt");
        File.WriteAllText(text, "not a shared library, just text long enough to have a header-sized prefix........");

        Assert.Equal(LibStdCxxPatchState.NotApplicable, LibStdCxxCompatibilityPatch.Apply(text).State);
        Assert.Equal("not a shared library, just text long enough to have a header-sized prefix........", File.ReadAllText(text));
    }

    [Fact]
    public void A_truncated_library_gives_a_clear_error_not_an_index_exception()
    {
        if (!TestEnvironment.IsLinuxX64) return;
        byte[] head = File.ReadAllBytes(TestEnvironment.OriginalLibTorchSharp).AsSpan(0, 4096).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => ElfVersionTables.TryRead(head));
        Assert.Contains("outside the 4096-byte file", error.Message);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int link(string existingPath, string newPath);
}
