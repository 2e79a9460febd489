// `sst export --help`.
import { exporterKinds } from '@sst-tricks/onnx-export';

export function exportHelp(): string {
  return `usage: sst export <${exporterKinds().join('|')}> --checkpoint DIR|FILE --out MODEL.onnx [--no-fold] [--predictor]

Exports the encoder of a training checkpoint (a manifest step-*.json, or a run directory: its
newest checkpoint) as an ONNX file (opset 17): named inputs and outputs with a symbolic batch
dimension, the trained weights as initializers, batch norm in inference form, and metadata
naming the model kind, latent, training configuration and the hard structure to read the output
as. Run it with "sst infer", onnxruntime-node, onnxruntime-web or Python's onnxruntime (see the
@sst-tricks/onnx-export README).

models:
  nri      trajectories [batch, T, n, D] → edge logits ([batch, n(n−1)/2] for spanning-tree and
           top-k latents, [batch, n(n−1), 2] for independent edges)
  listops  token ids [batch, length] + lengths [batch] (int32) → arc scores [batch, length,
           length] (row = head; padded arcs −1e9); arborescence latent only; read as the max
           arborescence rooted at token 0 (the parse)
  l2x      token ids [batch, n] (int64) → word logits [batch, n] (and pair logits
           [batch, n − 1] for correlated-top-k); the vocabulary goes into the metadata
           (sst.vocabulary)

options:
  --checkpoint P  manifest file or run directory (required)
  --out FILE      the ONNX file to write (required; written atomically, nothing on error)
  --no-fold       keep each batch norm as its own Mul/Add instead of folding it into the next
                  dense layer (same results to float rounding)
  --predictor     l2x: write the rating predictor instead (token ids + the hard selection
                  [batch, n] → rating [batch]; kind l2x-predictor), a second file for pages
                  that show the rating`;
}
