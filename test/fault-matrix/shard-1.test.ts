import { faultMatrixShard } from './shard';

faultMatrixShard(1);
