// `sst export --help`.
import { exporterKinds } from '@sst-tricks/onnx-export';

export function exportHelp(): string {
  return `usage: sst export <${exporterKinds().join('|')}> --checkpoint DIR|FILE --out MODEL.onnx [--no-fold]

Exports the encoder of a training checkpoint (a manifest step-*.json, or a run directory: its
newest checkpoint) as an ONNX file (opset 17): named inputs and outputs with a symbolic batch
dimension, the trained weights as initializers, batch norm in inference form, and metadata
naming the model kind, latent, training configuration and the hard structure to read the output
as. Run it with "sst infer", onnxruntime-node, onnxruntime-web or Python's onnxruntime (see the
@sst-tricks/onnx-export README). The L2X exporter is coming with that model.

models:
  nri   trajectories [batch, T, n, D] → edge logits ([batch, n(n−1)/2] for spanning-tree and
        top-k latents, [batch, n(n−1), 2] for independent edges)
  listops  token ids [batch, length] + lengths [batch] (int32) → arc scores [batch, length,
        length] (row = head; padded arcs −1e9); arborescence latent only; read as the max
        arborescence rooted at token 0 (the parse)

options:
  --checkpoint P  manifest file or run directory (required)
  --out FILE      the ONNX file to write (required; written atomically, nothing on error)
  --no-fold       keep each batch norm as its own Mul/Add instead of folding it into the next
                  dense layer (same results to float rounding)`;
}
