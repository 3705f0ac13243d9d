// libtorch's CPU matrix products (here a bare Linear layer) compute the last rows of a batch whose
// size is not a multiple of their blocking with another kernel: the same row scored in a batch of
// 119 rows and in a batch of 300 rows can differ in its last bits, while the same rows scored at
// other positions of zero-padded batches of one size agree exactly.
// Run: dotnet run --project bench/Repro/BatchShape
// Workaround: src/Trainers/Scoring/CnnScoringFunction.cs pads every last batch to the full size.
using TorchSharp;
using static TorchSharp.torch;

torch.set_num_threads(1);
torch.manual_seed(1);
var network = nn.Sequential(nn.Flatten(), nn.Linear(160, 1));
network.eval();
using var _ = torch.no_grad();
var x = torch.rand(300, 4, 40);
float[] whole = network.forward(x).data<float>().ToArray();

int differentSizes = 0, samePadded = 0;
for (int rows = 1; rows <= 300; rows++)
{
    // The first `rows` rows alone, in a batch of that size.
    float[] part = network.forward(x.narrow(0, 0, rows)).data<float>().ToArray();
    for (int r = 0; r < rows; r++)
        if (BitConverter.SingleToInt32Bits(part[r]) != BitConverter.SingleToInt32Bits(whole[r])) differentSizes++;
    // The same rows shifted to the end of a 300-row batch padded with zeros in front.
    var padded = torch.cat([torch.zeros(300 - rows, 4, 40), x.narrow(0, 0, rows)], 0);
    float[] shifted = network.forward(padded).data<float>().ToArray();
    for (int r = 0; r < rows; r++)
        if (BitConverter.SingleToInt32Bits(shifted[300 - rows + r]) != BitConverter.SingleToInt32Bits(whole[r])) samePadded++;
}
Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}, libtorch {torch.__version__}");
Console.WriteLine($"rows scored in batches of their own size (1 to 300 rows) whose bits differ from the 300-row batch: {differentSizes:N0}");
Console.WriteLine($"rows scored at other positions of zero-padded 300-row batches whose bits differ:                {samePadded:N0}");
