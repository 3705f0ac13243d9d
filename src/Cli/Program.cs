using Cnn.MLNet.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
