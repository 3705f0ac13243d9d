// Makes libLibTorchSharp.so (TorchSharp 0.107) load on Linux systems whose libstdc++ predates
// GCC 13 (Debian 12, Ubuntu 22.04).
//
// The library lists GLIBCXX_3.4.32 among the versions it needs from libstdc++.so.6 only because
// GCC 13's <iostream> references std::ios_base_library_init() with a bare `.globl`; no relocation
// ever binds that symbol. glibc refuses to load a library with a missing *required* version, but
// only logs a missing *weak* one (VER_FLG_WEAK in the Elf64_Vernaux entry). So: set the weak bit
// on each required libstdc++ version that the system lacks and that no relocation uses. A version
// that a relocation does use is left alone and reported as unpatchable: weakening it would only
// move the failure to symbol-binding time.
//
// Upstream: no upstream report found as of 2026-12 for TorchSharp 0.107's GLIBCXX_3.4.32 requirement; TorchSharp's earlier
// tracking issue for libLibTorchSharp's Linux portability: https://github.com/dotnet/TorchSharp/issues/218 (closed).
//
// This one file serves two builds:
//  * the Cnn.MLNet.Trainers library (CNN_MLNET_LIBRARY defined): runtime diagnosis and tests;
//  * MSBuild's RoslynCodeTaskFactory (Cnn.MLNet.Trainers.targets), which compiles a single source
//    file against netstandard at build time. Hence byte[] and BitConverter instead of Span and
//    BinaryPrimitives, and the MSBuild task class at the end compiled only for the task.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Cnn.MLNet.Trainers
{
    /// <summary>What the patch found (or did) for one library file.</summary>
    public enum LibStdCxxPatchState
    {
        /// <summary>Not a little-endian ELF64 file with symbol-version tables; nothing to do.</summary>
        NotApplicable,
        /// <summary>Every libstdc++ version the library requires is available (or the mode asked for nothing).</summary>
        NotNeeded,
        /// <summary>Some missing versions are still required: the file will not load until patched.</summary>
        NeedsPatch,
        /// <summary>Every missing version is already marked weak: the file loads.</summary>
        Patched,
        /// <summary>A missing version is used by a relocation; only a newer libstdc++ can fix that.</summary>
        Unpatchable,
    }

    /// <summary>How eagerly to patch.</summary>
    internal enum LibStdCxxPatchMode
    {
        /// <summary>Weaken only the versions the given (by default: this system's) libstdc++ lacks.</summary>
        Auto,
        /// <summary>Weaken every libstdc++ version requirement that no relocation uses, so the copy also
        /// loads on older systems than the build machine (for publishing).</summary>
        Always,
    }

    /// <summary>One version a library requires from a shared object (one Elf64_Vernaux entry).</summary>
    internal sealed class ElfVersionRequirement
    {
        internal ElfVersionRequirement(string file, string version, ushort index, long flagsOffset, bool isWeak, bool usedByRelocation)
        {
            File = file; Version = version; Index = index; FlagsOffset = flagsOffset; IsWeak = isWeak; UsedByRelocation = usedByRelocation;
        }

        /// <summary>The needed shared object, e.g. libstdc++.so.6.</summary>
        public string File { get; }
        /// <summary>The version name, e.g. GLIBCXX_3.4.32.</summary>
        public string Version { get; }
        /// <summary>The version index that symbols refer to through .gnu.version.</summary>
        public ushort Index { get; }
        /// <summary>Byte offset of this entry's vna_flags field in the file.</summary>
        public long FlagsOffset { get; }
        /// <summary>Whether VER_FLG_WEAK is set.</summary>
        public bool IsWeak { get; }
        /// <summary>Whether some relocation binds a symbol of this version.</summary>
        public bool UsedByRelocation { get; }
    }

    /// <summary>The outcome of inspecting or patching one file.</summary>
    internal sealed class LibStdCxxPatchReport
    {
        internal LibStdCxxPatchReport(string path, LibStdCxxPatchState state, IReadOnlyList<string> weakened, IReadOnlyList<string> blocking, string message)
        {
            Path = path; State = state; Weakened = weakened; Blocking = blocking; Message = message;
        }

        /// <summary>The library file.</summary>
        public string Path { get; }
        /// <summary>The state after the call (Inspect: as found; Apply: as left).</summary>
        public LibStdCxxPatchState State { get; }
        /// <summary>Versions this call marked weak (Apply) or would mark weak (Inspect).</summary>
        public IReadOnlyList<string> Weakened { get; }
        /// <summary>Missing versions that relocations use, which no patch can make loadable.</summary>
        public IReadOnlyList<string> Blocking { get; }
        /// <summary>One line for a build log or an exception.</summary>
        public string Message { get; }
    }

    /// <summary>Reads the symbol-version tables of a little-endian ELF64 file.</summary>
    internal sealed class ElfVersionTables
    {
        private const uint ShtRela = 4, ShtRel = 9, ShtDynsym = 11;
        private const uint ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
        /// <summary>VER_FLG_WEAK: a missing version of this entry is not fatal to the loader.</summary>
        public const ushort WeakFlag = 0x2;

        private readonly byte[] _elf;

        private ElfVersionTables(byte[] elf, IReadOnlyList<ElfVersionRequirement> requirements, IReadOnlyList<string> definitions)
        {
            _elf = elf; Requirements = requirements; Definitions = definitions;
        }

        /// <summary>Every Elf64_Vernaux entry, in file order.</summary>
        public IReadOnlyList<ElfVersionRequirement> Requirements { get; }
        /// <summary>Version names the file itself defines (.gnu.version_d), e.g. a libstdc++'s GLIBCXX_*.</summary>
        public IReadOnlyList<string> Definitions { get; }

        /// <summary>Parses <paramref name="elf"/>; null when it is not a little-endian ELF64 file.</summary>
        /// <exception cref="InvalidDataException">The file claims to be ELF64 but its tables are out of bounds.</exception>
        public static ElfVersionTables? TryRead(byte[] elf)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
                || elf[4] != 2 /* ELFCLASS64 */ || elf[5] != 1 /* ELFDATA2LSB */ || !BitConverter.IsLittleEndian)
                return null;

            var reader = new Reader(elf);
            long shoff = (long)reader.U64(0x28);
            int shentsize = reader.U16(0x3A), shnum = reader.U16(0x3C);
            if (shoff == 0 || shnum == 0) return new ElfVersionTables(elf, Array.Empty<ElfVersionRequirement>(), Array.Empty<string>());
            if (shentsize < 64) throw new InvalidDataException($"ELF section header size {shentsize} is smaller than 64 bytes.");

            var sections = new Section[shnum];
            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + (long)i * shentsize;
                sections[i] = new Section(reader.U32(h + 4), (long)reader.U64(h + 24), (long)reader.U64(h + 32), reader.U32(h + 40), reader.U32(h + 44));
            }

            var definitions = ReadDefinitions(reader, sections);
            var boundVersions = ReadVersionsUsedByRelocations(reader, sections);
            var requirements = ReadRequirements(reader, sections, boundVersions);
            return new ElfVersionTables(elf, requirements, definitions);
        }

        /// <summary>Returns a copy of the file with VER_FLG_WEAK set on the given entries.</summary>
        public byte[] WithWeakFlags(IEnumerable<ElfVersionRequirement> entries)
        {
            var copy = (byte[])_elf.Clone();
            foreach (var entry in entries)
            {
                ushort flags = (ushort)(BitConverter.ToUInt16(copy, (int)entry.FlagsOffset) | WeakFlag);
                copy[entry.FlagsOffset] = (byte)flags;
                copy[entry.FlagsOffset + 1] = (byte)(flags >> 8);
            }
            return copy;
        }

        private static List<string> ReadDefinitions(Reader reader, Section[] sections)
        {
            var names = new List<string>();
            foreach (var s in sections.Where(s => s.Type == ShtGnuVerdef))
            {
                var strtab = sections[s.Link];
                long entry = s.Offset;
                for (uint n = 0; n < s.Info; n++)
                {
                    uint aux = reader.U32(entry + 12), next = reader.U32(entry + 16);
                    names.Add(reader.CString(strtab.Offset + reader.U32(entry + aux)));
                    if (next == 0) break;
                    entry += next;
                }
            }
            return names;
        }

        // Version indexes of dynamic symbols that some relocation refers to.
        private static HashSet<ushort> ReadVersionsUsedByRelocations(Reader reader, Section[] sections)
        {
            var used = new HashSet<ushort>();
            int dynsymIndex = Array.FindIndex(sections, s => s.Type == ShtDynsym);
            var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
            if (dynsymIndex < 0 || versym.Type == 0) return used;

            long symbolCount = versym.Size / 2;
            foreach (var s in sections.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.Link == dynsymIndex))
            {
                int entrySize = s.Type == ShtRela ? 24 : 16;
                for (long r = s.Offset; r + entrySize <= s.Offset + s.Size; r += entrySize)
                {
                    long symbol = (long)(reader.U64(r + 8) >> 32);
                    if (symbol == 0 || symbol >= symbolCount) continue;
                    used.Add((ushort)(reader.U16(versym.Offset + symbol * 2) & 0x7fff));
                }
            }
            return used;
        }

        private static List<ElfVersionRequirement> ReadRequirements(Reader reader, Section[] sections, HashSet<ushort> boundVersions)
        {
            var result = new List<ElfVersionRequirement>();
            foreach (var s in sections.Where(s => s.Type == ShtGnuVerneed))
            {
                var strtab = sections[s.Link];
                long need = s.Offset;
                for (uint n = 0; n < s.Info; n++)
                {
                    ushort count = reader.U16(need + 2);
                    string file = reader.CString(strtab.Offset + reader.U32(need + 4));
                    long aux = need + reader.U32(need + 8);
                    for (int a = 0; a < count; a++)
                    {
                        ushort flags = reader.U16(aux + 4), index = reader.U16(aux + 6);
                        string version = reader.CString(strtab.Offset + reader.U32(aux + 8));
                        result.Add(new ElfVersionRequirement(file, version, index, aux + 4, (flags & WeakFlag) != 0, boundVersions.Contains(index)));
                        uint nextAux = reader.U32(aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = reader.U32(need + 12);
                    if (next == 0) break;
                    need += next;
                }
            }
            return result;
        }

        private struct Section
        {
            public Section(uint type, long offset, long size, uint link, uint info) { Type = type; Offset = offset; Size = size; Link = link; Info = info; }
            public uint Type; public long Offset; public long Size; public uint Link; public uint Info;
        }

        // Bounds-checked little-endian reads: a damaged file gives InvalidDataException, not an IndexOutOfRange.
        private readonly struct Reader
        {
            private readonly byte[] _b;
            public Reader(byte[] b) { _b = b; }
            private int At(long offset, int size)
            {
                if (offset < 0 || offset + size > _b.Length) throw new InvalidDataException($"ELF table entry at offset {offset} lies outside the {_b.Length}-byte file.");
                return (int)offset;
            }
            public ushort U16(long o) => BitConverter.ToUInt16(_b, At(o, 2));
            public uint U32(long o) => BitConverter.ToUInt32(_b, At(o, 4));
            public ulong U64(long o) => BitConverter.ToUInt64(_b, At(o, 8));
            public string CString(long o)
            {
                int start = At(o, 1), end = start;
                while (end < _b.Length && _b[end] != 0) end++;
                return System.Text.Encoding.ASCII.GetString(_b, start, end - start);
            }
        }
    }

    /// <summary>Inspects and applies the libstdc++ version-requirement patch to one library file.</summary>
    internal static class LibStdCxxCompatibilityPatch
    {
        /// <summary>The shared object whose version requirements this patch weakens.</summary>
        public const string LibStdCxx = "libstdc++.so.6";

        /// <summary>
        /// The libstdc++ that this process's loader uses (read from /proc/self/maps, since .NET itself
        /// links it), or null when none is mapped or this is not Linux.
        /// </summary>
        public static string? FindSystemLibStdCxx()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !File.Exists("/proc/self/maps")) return null;
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash >= 0 && line.IndexOf("/libstdc++.so", StringComparison.Ordinal) >= 0) return line.Substring(slash).Trim();
            }
            return null;
        }

        /// <summary>The GLIBCXX/CXXABI versions a libstdc++ file defines.</summary>
        public static IReadOnlyCollection<string> ReadDefinedVersions(string libStdCxxPath)
        {
            var tables = ElfVersionTables.TryRead(File.ReadAllBytes(libStdCxxPath))
                ?? throw new InvalidDataException($"'{libStdCxxPath}' is not an ELF64 little-endian shared object.");
            return new HashSet<string>(tables.Definitions);
        }

        /// <summary>What <see cref="Apply"/> would do, without writing anything.</summary>
        /// <param name="libraryPath">The library to inspect, e.g. an output copy of libLibTorchSharp.so.</param>
        /// <param name="mode">Which requirements count as missing.</param>
        /// <param name="availableVersions">Versions the target libstdc++ defines; by default this system's.
        /// Ignored in <see cref="LibStdCxxPatchMode.Always"/> mode.</param>
        public static LibStdCxxPatchReport Inspect(string libraryPath, LibStdCxxPatchMode mode = LibStdCxxPatchMode.Auto, IReadOnlyCollection<string>? availableVersions = null)
            => Plan(libraryPath, File.ReadAllBytes(libraryPath), mode, availableVersions).Report;

        /// <summary>
        /// Patches <paramref name="libraryPath"/> in place when needed. The new contents go to a
        /// temporary file that then replaces the path, so a hard link or the original in a NuGet
        /// cache is never written through; size, permissions and modification time are kept, so
        /// MSBuild's incremental copy sees the patched copy as up to date. Running it again on a
        /// patched file changes nothing.
        /// </summary>
        public static LibStdCxxPatchReport Apply(string libraryPath, LibStdCxxPatchMode mode = LibStdCxxPatchMode.Auto, IReadOnlyCollection<string>? availableVersions = null)
        {
            var plan = Plan(libraryPath, File.ReadAllBytes(libraryPath), mode, availableVersions);
            if (plan.Report.State != LibStdCxxPatchState.NeedsPatch || plan.Tables == null) return plan.Report;

            byte[] patched = plan.Tables.WithWeakFlags(plan.ToWeaken);
            ReplaceKeepingMetadata(libraryPath, patched);
            string done = $"{libraryPath}: marked {string.Join(", ", plan.Report.Weakened)} weak so the library loads with this libstdc++.";
            return new LibStdCxxPatchReport(libraryPath, LibStdCxxPatchState.Patched, plan.Report.Weakened, plan.Report.Blocking, done);
        }

        private static PatchPlan Plan(string path, byte[] bytes, LibStdCxxPatchMode mode, IReadOnlyCollection<string>? availableVersions)
        {
            var tables = ElfVersionTables.TryRead(bytes);
            if (tables == null)
                return new PatchPlan(null, new List<ElfVersionRequirement>(), Report(path, LibStdCxxPatchState.NotApplicable, new List<string>(), new List<string>(), "not a little-endian ELF64 file"));

            var libStdCxx = tables.Requirements.Where(r => r.File == LibStdCxx).ToList();
            List<ElfVersionRequirement> missing;
            if (mode == LibStdCxxPatchMode.Always)
            {
                missing = libStdCxx.Where(r => !r.UsedByRelocation).ToList();
            }
            else
            {
                var available = availableVersions ?? SystemVersionsOrNull();
                if (available == null)
                    return new PatchPlan(tables, new List<ElfVersionRequirement>(), Report(path, LibStdCxxPatchState.NotNeeded, new List<string>(), new List<string>(), "no system libstdc++ found to compare with"));
                missing = libStdCxx.Where(r => !available.Contains(r.Version)).ToList();
            }

            var blocking = missing.Where(r => r.UsedByRelocation).Select(r => r.Version).ToList();
            var toWeaken = missing.Where(r => !r.UsedByRelocation && !r.IsWeak).ToList();
            var names = toWeaken.Select(r => r.Version).ToList();
            if (blocking.Count > 0)
                return new PatchPlan(tables, new List<ElfVersionRequirement>(), Report(path, LibStdCxxPatchState.Unpatchable, names, blocking,
                    $"needs {string.Join(", ", blocking)} from {LibStdCxx} for symbols it really uses; install libstdc++ from GCC 13 or newer"));
            if (toWeaken.Count > 0)
                return new PatchPlan(tables, toWeaken, Report(path, LibStdCxxPatchState.NeedsPatch, names, blocking,
                    $"requires {string.Join(", ", names)}, which {LibStdCxx} lacks and no relocation uses; not yet marked weak"));
            if (missing.Count > 0)
                return new PatchPlan(tables, toWeaken, Report(path, LibStdCxxPatchState.Patched, names, blocking,
                    $"already patched: {string.Join(", ", missing.Select(r => r.Version))} marked weak"));
            return new PatchPlan(tables, toWeaken, Report(path, LibStdCxxPatchState.NotNeeded, names, blocking, $"every {LibStdCxx} version it requires is available"));
        }

        private static LibStdCxxPatchReport Report(string path, LibStdCxxPatchState state, List<string> weakened, List<string> blocking, string detail)
            => new LibStdCxxPatchReport(path, state, weakened, blocking, $"{path}: {detail}.");

        private static IReadOnlyCollection<string>? SystemVersionsOrNull()
        {
            var system = FindSystemLibStdCxx();
            return system == null ? null : ReadDefinedVersions(system);
        }

        private static void ReplaceKeepingMetadata(string path, byte[] contents)
        {
            var original = new FileInfo(path);
            string temp = Path.Combine(original.DirectoryName ?? ".", "." + original.Name + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.Copy(path, temp); // carries the permission bits
                File.WriteAllBytes(temp, contents);
                File.SetLastWriteTimeUtc(temp, original.LastWriteTimeUtc);
                File.Replace(temp, path, null); // rename(2): replaces the directory entry, never the inode behind it
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        private sealed class PatchPlan
        {
            public PatchPlan(ElfVersionTables? tables, List<ElfVersionRequirement> toWeaken, LibStdCxxPatchReport report) { Tables = tables; ToWeaken = toWeaken; Report = report; }
            public ElfVersionTables? Tables { get; }
            public List<ElfVersionRequirement> ToWeaken { get; }
            public LibStdCxxPatchReport Report { get; }
        }
    }

#if !CNN_MLNET_LIBRARY
    /// <summary>MSBuild task: patches the given copies of libLibTorchSharp.so (see the file header).</summary>
    public sealed class CnnMLNetPatchLibStdCxxRequirements : Microsoft.Build.Utilities.Task
    {
        /// <summary>Library copies to patch; missing files are skipped.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>auto (default) or always.</summary>
        public string Mode { get; set; } = "auto";

        public override bool Execute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;
            var mode = string.Equals(Mode, "always", StringComparison.OrdinalIgnoreCase) ? LibStdCxxPatchMode.Always : LibStdCxxPatchMode.Auto;
            foreach (var item in Libraries)
            {
                string path = item.GetMetadata("FullPath");
                if (!File.Exists(path)) continue;
                var report = LibStdCxxCompatibilityPatch.Apply(path, mode);
                if (report.State == LibStdCxxPatchState.Unpatchable)
                    Log.LogWarning(null, "CNNMLNET001", null, path, 0, 0, 0, 0, "Cnn.MLNet: {0}", report.Message);
                else
                {
                    // A patch applied now is worth seeing in a normal build log; "nothing to do" is not.
                    var importance = report.Weakened.Count > 0 && report.State == LibStdCxxPatchState.Patched
                        ? Microsoft.Build.Framework.MessageImportance.High : Microsoft.Build.Framework.MessageImportance.Low;
                    Log.LogMessage(importance, "Cnn.MLNet: {0}", report.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
