// The element-wise activations the layers accept by name.
import * as tf from '@tensorflow/tfjs-core';

export type Activation = 'elu' | 'relu' | 'tanh' | 'sigmoid' | 'linear';
export const ACTIVATIONS: readonly Activation[] = ['elu', 'relu', 'tanh', 'sigmoid', 'linear'];

export function activate<T extends tf.Tensor>(x: T, activation: Activation): T {
  switch (activation) {
    case 'elu':
      return tf.elu(x);
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
      return x;
  }
}
